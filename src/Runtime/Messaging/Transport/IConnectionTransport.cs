namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Opens and accepts byte-stream connections: TCP for real use, in-memory for tests.</summary>
internal interface IConnectionTransport
{
    /// <summary>Connects to an endpoint such as "localhost:30000".</summary>
    Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>Starts listening on an endpoint such as "127.0.0.1:30000".</summary>
    IConnectionListener Listen(string endpoint);
}
