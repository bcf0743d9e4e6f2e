namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Accepts connections until disposed.</summary>
internal interface IConnectionListener : IAsyncDisposable
{
    /// <summary>The endpoint actually bound (with the real port when 0 was asked for).</summary>
    string Endpoint { get; }

    /// <summary>
    /// The next connection and where it came from, or null once the listener is disposed. Any other failure (such as
    /// running out of file descriptors) is thrown and leaves the listener usable.
    /// </summary>
    Task<(Stream Stream, string Remote)?> AcceptAsync();
}
