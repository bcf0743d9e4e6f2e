namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Opens and accepts byte-stream connections: TCP for real use, in-memory for tests.</summary>
internal interface IConnectionTransport
{
    /// <summary>Connects to an endpoint such as "localhost:30000".</summary>
    Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>Starts listening on an endpoint such as "127.0.0.1:30000".</summary>
    IConnectionListener Listen(string endpoint);
}

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
