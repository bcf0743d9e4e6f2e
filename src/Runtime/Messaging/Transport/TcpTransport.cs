using System.Net;
using System.Net.Sockets;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>TCP with Nagle off: frames are already batched by the connection's writer.</summary>
internal sealed class TcpTransport : IConnectionTransport
{
    public async Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        var (host, port) = Endpoints.Parse(endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IConnectionListener Listen(string endpoint)
    {
        var (host, port) = Endpoints.Parse(endpoint);
        var address = host is "*" or "0.0.0.0" ? IPAddress.Any
            : host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new ArgumentException($"Cannot listen on '{host}': give an IP address, 'localhost' or '*'.", nameof(endpoint));
        var listener = new TcpListener(address, port);
        listener.Start(backlog: 512);
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IConnectionListener
    {
        private volatile bool _disposed;

        public string Endpoint { get; } = listener.LocalEndpoint.ToString()!;

        public async Task<(Stream Stream, string Remote)?> AcceptAsync()
        {
            try
            {
                var socket = await listener.AcceptSocketAsync();
                socket.NoDelay = true;
                return (new NetworkStream(socket, ownsSocket: true), socket.RemoteEndPoint?.ToString() ?? "unknown");
            }
            catch (Exception ex) when (_disposed && ex is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // Only disposal ends accepting: an error such as running out of file descriptors is thrown, so the
                // caller can wait and try again.
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            listener.Stop();
            return ValueTask.CompletedTask;
        }
    }
}
