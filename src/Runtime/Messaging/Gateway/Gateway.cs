using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>
/// Accepts client connections on the silo's ports. On shutdown it stops taking requests, answers those in flight,
/// then closes every connection; grain deactivation follows.
/// </summary>
internal sealed partial class Gateway(
    IConnectionTransport transport,
    SiloTargetResolver targets,
    IMessageCenter messageCenter,
    CoarseClock clock,
    IOptions<EndpointOptions> endpoints,
    IOptions<ConnectionOptions> connectionOptions,
    ILogger<Gateway> logger) : IHostedService
{
    private readonly GatewayState _state = new();
    private readonly ConcurrentDictionary<GatewayConnection, Task> _connections = new();
    private readonly List<(IConnectionListener Listener, Task Loop)> _listeners = [];

    /// <summary>The endpoints bound, gateway first: with port 0 in the options, these carry the real ports.</summary>
    public IReadOnlyList<string> BoundEndpoints => _listeners.Select(l => l.Listener.Endpoint).ToArray();

    public int ConnectionCount => _connections.Count;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = endpoints.Value;
        foreach (var (name, port) in new[] { ("gateway", options.GatewayPort), ("silo", options.SiloPort) })
        {
            var listener = transport.Listen($"{options.ListenAddress}:{port}");
            _listeners.Add((listener, AcceptLoopAsync(listener)));
            LogListening(logger, name, listener.Endpoint);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (listener, _) in _listeners)
        {
            await listener.DisposeAsync();
        }

        await Task.WhenAll(_listeners.Select(l => l.Loop));
        try
        {
            await _state.StopAcceptingAsync().WaitAsync(cancellationToken);
        }
        finally
        {
            foreach (var connection in _connections.Keys)
            {
                await connection.Connection.CloseAsync("the silo is shutting down");
            }

            await Task.WhenAll(_connections.Values);
        }
    }

    /// <summary>Closes every client connection; their pending calls fail on the client side.</summary>
    public async Task DropConnectionsAsync(string reason)
    {
        foreach (var connection in _connections.Keys)
        {
            await connection.Connection.CloseAsync(reason);
        }
    }

    private async Task AcceptLoopAsync(IConnectionListener listener)
    {
        while (await listener.AcceptAsync() is { } accepted)
        {
            var framed = new FramedConnection(accepted.Stream, accepted.Remote, connectionOptions.Value);
            var connection = new GatewayConnection(framed, targets, messageCenter, clock, _state, logger);
            // Recorded before it runs, so a connection that ends at once is still removed.
            var run = new Task<Task>(async () =>
            {
                await connection.RunAsync();
                _connections.TryRemove(connection, out _);
            });
            _connections[connection] = run.Unwrap();
            run.Start(TaskScheduler.Default);
        }
    }

    [LoggerMessage(2003, LogLevel.Information, "Listening for {Name} connections on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string name, string endpoint);
}
