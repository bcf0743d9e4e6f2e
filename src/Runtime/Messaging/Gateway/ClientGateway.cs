using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>
/// Accepts client connections on the silo's ports. On shutdown it first drains (in <see cref="StoppingAsync"/>, before
/// the silo refuses calls): it stops taking new clients and tells connected ones to move to another gateway. Then it
/// stops taking requests, answers those in flight, and closes every connection; grain deactivation follows.
/// </summary>
internal sealed partial class ClientGateway(
    IConnectionTransport transport,
    SiloTargetResolver targets,
    IMessageCenter messageCenter,
    CoarseClock clock,
    IOptions<EndpointOptions> endpoints,
    ILocalSiloDetails localSilo,
    IOptions<ConnectionOptions> connectionOptions,
    PeerAdmission admission,
    SiloPortListener siloListener,
    ILogger<ClientGateway> logger,
    IGatewayListProvider? gatewayList = null,
    GrainCallMetrics? metrics = null) : IHostedLifecycleService
{
    private const int MaxRefusalsInProgress = 16;
    private static readonly TimeSpan FirstAcceptBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RefusalLinger = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly InFlightRequests _inFlight = new();
    private readonly ConcurrentDictionary<GatewayConnection, Task> _connections = new();
    private readonly List<(IConnectionListener Listener, Task Loop)> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly GatewayListPublisher _gatewayList = new(gatewayList, logger);
    private int _open;
    private int _maxConnections;
    private int _refusing;
    private long _refusedSinceLog;
    private int _refusalReportPending;

    /// <summary>The memory budget shared by every connection's big frames still arriving.</summary>
    public PartialFrameBudget PartialFrames { get; } = new(connectionOptions.Value.PartialFrameBudget);

    /// <summary>The endpoints bound, gateway first: with port 0 in the options, these carry the real ports.</summary>
    public IReadOnlyList<string> BoundEndpoints => _listeners.Select(l => l.Listener.Endpoint).ToArray();

    public int ConnectionCount => _connections.Count;

    /// <summary>Open connections by the port they came in on: clients on the gateway port, silos on the silo port.</summary>
    public (int Gateway, int Silo) ConnectionCounts()
    {
        var silo = _connections.Keys.Count(c => c.OnSiloPort);
        return (_connections.Count - silo, silo);
    }

    /// <summary>What clients are told about the cluster's gateways, and whether this one is draining.</summary>
    public GatewayList GatewayList => _gatewayList.Current;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (connectionOptions.Value.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(nameof(ConnectionOptions), typeof(ConnectionOptions), problems);
        }

        // Derived now rather than with the options: by now the host's assemblies, each an open file, are loaded.
        _maxConnections = connectionOptions.Value.MaxConnections ?? FileDescriptorLimit.DefaultMaxConnections();
        var options = endpoints.Value;
        var gateway = transport.Listen($"{options.ListenAddress}:{options.GatewayPort}");
        _listeners.Add((gateway, AcceptLoopAsync(gateway, siloPort: false)));
        LogListening(logger, "gateway", gateway.Endpoint);
        _gatewayList.OwnGateway = OwnGateway(gateway.Endpoint);
        // The silo port is the one in this silo's address: bound already when a configured 0 was resolved.
        var silo = siloListener.Listener;
        _listeners.Add((silo, AcceptLoopAsync(silo, siloPort: true)));
        LogListening(logger, "silo", silo.Endpoint);
        if (admission.Secret is null && !IsLocalOnly(options.ListenAddress))
        {
            LogNoSecret(logger, options.ListenAddress, localSilo.SiloAddress);
        }

        LogLimits(logger, _maxConnections, connectionOptions.Value.MaxHandshakeFrameSize, connectionOptions.Value.PartialFrameBudget);

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Drains, before any hosted service stops and so before the silo refuses calls: no new clients, and the connected
    /// ones are told to send their next calls elsewhere. Their calls in flight are still served and answered.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_listeners.Count > 0)
        {
            await _listeners[0].Listener.DisposeAsync();
        }

        _gatewayList.Drain();
    }

    /// <summary>
    /// Lets the requests in flight finish, then closes the client connections. The silo port stays open: peers keep
    /// probing this silo while its grains deactivate, and one that found the port closed would vote it dead and
    /// activate its grains elsewhere before they had finished here.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listeners.Count > 0)
        {
            await _listeners[0].Listener.DisposeAsync();
            await _listeners[0].Loop;
        }

        try
        {
            await _inFlight.StopAcceptingAsync().WaitAsync(cancellationToken);
        }
        finally
        {
            await CloseAsync(c => !c.OnSiloPort);
        }
    }

    /// <summary>Last, after membership wrote this silo dead (it stops later, being registered later): closes the silo port.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var (listener, _) in _listeners)
        {
            await listener.DisposeAsync();
        }

        await Task.WhenAll(_listeners.Select(l => l.Loop));
        await CloseAsync(_ => true);
        _gatewayList.Dispose();
    }

    private async Task CloseAsync(Func<GatewayConnection, bool> which)
    {
        var closing = _connections.Where(c => which(c.Key)).ToList();
        foreach (var (connection, _) in closing)
        {
            await connection.Connection.CloseAsync("the silo is shutting down");
        }

        await Task.WhenAll(closing.Select(c => c.Value));
    }

    /// <summary>Closes every client connection; their pending calls fail on the client side.</summary>
    public async Task DropConnectionsAsync(string reason)
    {
        foreach (var connection in _connections.Keys)
        {
            await connection.Connection.CloseAsync(reason);
        }
    }

    /// <summary>
    /// Accepts until the listener is disposed. A failed accept (typically no file descriptor left) is logged and
    /// retried after a growing pause: ending here would leave the silo up, healthy to its probes, and deaf to clients.
    /// </summary>
    private async Task AcceptLoopAsync(IConnectionListener listener, bool siloPort)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            (Stream Stream, string Remote)? accepted;
            try
            {
                accepted = await listener.AcceptAsync();
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero ? FirstAcceptBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxAcceptBackoff.Ticks));
                LogAcceptFailed(logger, listener.Endpoint, ex.Message, backoff.TotalMilliseconds, ex);
                try
                {
                    await Task.Delay(backoff, _stopping.Token);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (accepted is not { } connected)
            {
                return;
            }

            backoff = TimeSpan.Zero;
            Admit(connected.Stream, connected.Remote, siloPort);
        }
    }

    /// <summary>The gateway as clients reach it: this silo's host (not a wildcard bind address) and the bound port.</summary>
    private string OwnGateway(string bound) =>
        Endpoints.IsEndpoint(bound) && Endpoints.Parse(bound).Port is > 0 and var port
            ? new SiloAddress(localSilo.SiloAddress.Host, port, 0).Endpoint
            : bound;

    private bool IsLocalOnly(string listenAddress) =>
        transport is InMemoryTransport
        || listenAddress == "localhost"
        || (System.Net.IPAddress.TryParse(listenAddress.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));

    private void Admit(Stream stream, string remote, bool siloPort)
    {
        var options = connectionOptions.Value;
        if (Interlocked.Increment(ref _open) > _maxConnections)
        {
            Interlocked.Decrement(ref _open);
            _ = RefuseAsync(stream, _maxConnections);
            return;
        }

        var framed = new FramedConnection(stream, remote, options, options.MaxHandshakeFrameSize, PartialFrames);
        var connection = new GatewayConnection(framed, targets, messageCenter, clock, _inFlight, admission, siloPort, _gatewayList, logger, metrics);
        // Recorded before it runs, so a connection that ends at once is still removed.
        var run = new Task<Task>(async () =>
        {
            try
            {
                await connection.RunAsync();
            }
            catch (Exception ex)
            {
                // One connection's failure must neither escape nor stop the silo's shutdown that awaits it.
                LogConnectionFailed(logger, framed.Remote, ex.Message, ex);
                await framed.CloseAsync($"the connection failed: {ex.Message}");
            }
            finally
            {
                _connections.TryRemove(connection, out _);
                Interlocked.Decrement(ref _open);
            }
        });
        _connections[connection] = run.Unwrap();
        run.Start(TaskScheduler.Default);
    }

    /// <summary>Tells a connection over the cap why it is not served, so its client can say so and try elsewhere.</summary>
    private async Task RefuseAsync(Stream stream, int limit)
    {
        NoteRefusal(limit);
        if (Interlocked.Increment(ref _refusing) > MaxRefusalsInProgress)
        {
            // A flood: do not hold more descriptors for courtesy.
            Interlocked.Decrement(ref _refusing);
            await stream.DisposeAsync();
            return;
        }

        try
        {
            using var frame = new WireWriter();
            FrameCodec.WriteRefusal(frame, $"this silo has {limit} connections, its limit; try another gateway or retry later");
            using var linger = new CancellationTokenSource(RefusalLinger);
            await stream.WriteAsync(frame.WrittenMemory, linger.Token);
            await stream.FlushAsync(linger.Token);
            // Read what the peer sends (its hello) until it closes: closing with its bytes unread would reset the
            // connection, and a reset can discard the refusal before the peer reads it.
            var sink = new byte[1024];
            for (var total = 0; total < 64 * 1024;)
            {
                var read = await stream.ReadAsync(sink, linger.Token);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The peer left or stalled: it is being refused anyway.
        }
        finally
        {
            await stream.DisposeAsync();
            Interlocked.Decrement(ref _refusing);
        }
    }

    /// <summary>Logs refusals at most once per interval, with their count, so a flood does not flood the log too.</summary>
    private void NoteRefusal(int limit)
    {
        Interlocked.Increment(ref _refusedSinceLog);
        if (Interlocked.CompareExchange(ref _refusalReportPending, 1, 0) == 0)
        {
            _ = ReportRefusalsAsync(limit);
        }
    }

    /// <summary>Reports the first refusal at once, then those that follow together at the end of each interval.</summary>
    private async Task ReportRefusalsAsync(int limit)
    {
        do
        {
            try
            {
                while (Interlocked.Exchange(ref _refusedSinceLog, 0) is var count and > 0)
                {
                    LogRefused(logger, count, limit);
                    await Task.Delay(RefusalLogInterval, _stopping.Token);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Volatile.Write(ref _refusalReportPending, 0);
        }
        while (Interlocked.Read(ref _refusedSinceLog) > 0 && Interlocked.CompareExchange(ref _refusalReportPending, 1, 0) == 0);
    }

    [LoggerMessage(2003, LogLevel.Information, "Listening for {Name} connections on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string name, string endpoint);

    [LoggerMessage(2012, LogLevel.Information, "Accepting at most {MaxConnections} connections; {HandshakeFrameSize} bytes per frame before a hello; {PartialFrameBudget} bytes for frames still arriving")]
    private static partial void LogLimits(ILogger logger, int maxConnections, int handshakeFrameSize, long partialFrameBudget);

    [LoggerMessage(2014, LogLevel.Warning, "No cluster secret is configured and silo {Silo} listens on {ListenAddress}, not loopback: anyone who can reach its ports can call grains. Set Cluster:ClusterSecret on every silo and client")]
    private static partial void LogNoSecret(ILogger logger, string listenAddress, SiloAddress silo);

    [LoggerMessage(2010, LogLevel.Error, "Accepting a connection on {Endpoint} failed ({Reason}); trying again in {DelayMs} ms")]
    private static partial void LogAcceptFailed(ILogger logger, string endpoint, string reason, double delayMs, Exception exception);

    [LoggerMessage(2016, LogLevel.Warning, "The connection from {Remote} ended with an unexpected error ({Reason}); it was closed")]
    private static partial void LogConnectionFailed(ILogger logger, string remote, string reason, Exception exception);

    [LoggerMessage(2011, LogLevel.Warning, "Refused {Count} connection(s): this silo has {Limit} connections, its limit (ConnectionOptions.MaxConnections; the silo's --max-connections)")]
    private static partial void LogRefused(ILogger logger, long count, int limit);
}
