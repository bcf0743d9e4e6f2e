using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>
/// The silo port's listener, bound once. With silo port 0 it is bound when the silo's address is chosen, so the port
/// the silo advertises is one it already holds: picking a free port and binding it later would let another process
/// take it in between.
/// </summary>
internal sealed class SiloPortListener(IConnectionTransport transport, IOptions<EndpointOptions> endpoints) : IAsyncDisposable
{
    private readonly object _lock = new();
    private IConnectionListener? _listener;

    /// <summary>The bound listener on the configured silo port (binding it now if it is not yet).</summary>
    public IConnectionListener Listener => Bind(endpoints.Value.SiloPort);

    /// <summary>Binds the configured silo port (0: a free one) and returns the port actually bound.</summary>
    public int BindPort() => Endpoints.Parse(Bind(endpoints.Value.SiloPort).Endpoint).Port;

    public ValueTask DisposeAsync() => _listener?.DisposeAsync() ?? ValueTask.CompletedTask;

    private IConnectionListener Bind(int port)
    {
        lock (_lock)
        {
            return _listener ??= transport.Listen($"{endpoints.Value.ListenAddress}:{port}");
        }
    }
}
