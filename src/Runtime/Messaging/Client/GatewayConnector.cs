using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>
/// A client's connection to the cluster: chooses a gateway, connects and shakes hands, and holds the live session.
/// A lost connection fails every call sent on it at once; the next call connects again, to another gateway first.
/// The gateways tried are the configured ones, then those the silos pushed (<see cref="FrameKind.Gateways"/>); a
/// gateway that says it is draining keeps answering the calls sent on it, while the next ones go to another.
/// </summary>
/// <remarks>Gateway choice and failover live here alone, so a cluster's gateway list changes only this class.</remarks>
internal sealed partial class GatewayConnector(
    IConnectionTransport transport,
    ManifestTypeResolver types,
    ResponseDispatcher responses,
    IOptions<ClientOptions> options,
    IOptions<ConnectionOptions> connectionOptions,
    IOptions<ClusterOptions> cluster,
    ILogger<GatewayConnector> logger) : IAsyncDisposable
{
    private readonly string? _secret = cluster.Value.HasSecret ? cluster.Value.ClusterSecret : null;
    private readonly object _attemptLock = new();
    private Task? _attempt;
    private volatile GatewaySession? _session;
    private volatile IReadOnlyList<string> _learned = [];
    private volatile string? _leaving;
    // Draining sessions a new one replaced: each closes once its last call is answered, or with the client.
    private readonly ConcurrentDictionary<GatewaySession, byte> _replaced = new();

    /// <summary>The session of the last successful connect, until its connection closes.</summary>
    public GatewaySession? Session => _session;

    /// <summary>The gateways a connect tries: the configured ones first, then those the silos pushed, without repeats.</summary>
    public IReadOnlyList<string> KnownGateways => [.. options.Value.Gateways.Concat(_learned).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Connects to the first gateway that answers, unless already connected.</summary>
    /// <remarks>
    /// Callers that arrive while an attempt is under way share it, and its outcome: when the silo is gone, a backlog
    /// of unsent calls fails together after one attempt instead of trying one connection after another.
    /// </remarks>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_attemptLock)
        {
            if (_session is { IsUsable: true })
            {
                return;
            }

            if (_attempt is null || _attempt.IsCompleted)
            {
                _attempt = Task.Run(ConnectOnceAsync);
            }

            attempt = _attempt;
        }

        await attempt.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            await session.Connection.CloseAsync("the client is stopping");
        }

        foreach (var replaced in _replaced.Keys)
        {
            await replaced.Connection.CloseAsync("the client is stopping");
        }
    }

    /// <summary>Closes <paramref name="session"/> if a newer session replaced it and no call on it waits for an answer.</summary>
    public void CloseIfIdle(GatewaySession session)
    {
        if (_replaced.ContainsKey(session) && !responses.HasCallsOn(session))
        {
            _ = session.Connection.CloseAsync("replaced by a connection to another gateway, and idle");
        }
    }

    private async Task ConnectOnceAsync()
    {
        // The gateway just lost or draining goes last: it is the one least likely to answer well now.
        var known = KnownGateways;
        var gateways = known.Where(g => !string.Equals(g, _leaving, StringComparison.OrdinalIgnoreCase))
            .Concat(known.Where(g => string.Equals(g, _leaving, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (gateways.Count == 0)
        {
            throw new SiloUnavailableException("No gateways are configured: add at least one host:port.");
        }

        var failures = new List<string>();
        foreach (var gateway in gateways)
        {
            try
            {
                var replaced = _session;
                _session = await OpenAsync(gateway, CancellationToken.None);
                if (replaced is { Draining: true } && replaced != _session)
                {
                    _replaced[replaced] = 0;
                    CloseIfIdle(replaced);
                }

                return;
            }
            catch (Exception ex)
            {
                failures.Add($"{gateway}: {ex.Message}");
            }
        }

        if (_session is { Welcomed: true, Draining: true, Connection.IsClosed: false })
        {
            // Nowhere else to go: the draining gateway still answers, if only to refuse, saying the call did not run.
            return;
        }

        throw new SiloUnavailableException($"Could not connect to a silo at {string.Join(", ", gateways)} ({string.Join("; ", failures)}).");
    }

    private async Task<GatewaySession> OpenAsync(string gateway, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ConnectTimeout);
        Stream stream;
        try
        {
            stream = await transport.ConnectAsync(gateway, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"connecting took longer than {options.Value.ConnectTimeout}");
        }

        var session = new GatewaySession(new FramedConnection(stream, gateway, connectionOptions.Value))
        {
            Nonce = _secret is null ? null : ClusterProof.NewNonce(),
        };
        _ = RunAsync(session);
        var hello = new WireWriter();
        FrameCodec.WriteHello(hello, options.Value.ClientName, session.Nonce);
        session.Connection.Send(hello);
        Manifest manifest;
        try
        {
            manifest = await session.Welcome.WaitAsync(options.Value.ConnectTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await session.Connection.CloseAsync("no welcome");
            throw new TimeoutException($"the silo did not answer the hello within {options.Value.ConnectTimeout}");
        }

        types.Use(manifest);
        LogConnected(logger, gateway, manifest.SiloName);
        return session;
    }

    private async Task RunAsync(GatewaySession session)
    {
        var connection = session.Connection;
        try
        {
            await connection.RunAsync(payload => OnFrame(session, payload), () => session.Welcomed);
        }
        catch (ProtocolException ex)
        {
            LogBadSilo(logger, connection.Remote, ex.Message);
            await connection.CloseAsync(ex.Message);
        }

        var reason = await connection.Closed;
        _replaced.TryRemove(session, out _);
        session.OnClosed(reason);
        if (_session == session)
        {
            _leaving = session.Remote;
            _session = null;
        }

        responses.OnClosed(session, reason);
    }

    private void OnFrame(GatewaySession session, ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var kind = (FrameKind)reader.ReadByte();
        if (!session.Welcomed)
        {
            if (kind == FrameKind.Refused)
            {
                // Over its connection cap: the silo's reason becomes the welcome's failure, and the next gateway is tried.
                _ = session.Connection.CloseAsync($"the silo refused the connection: {FrameCodec.ReadRefusal(ref reader)}");
                return;
            }

            if (kind == FrameKind.Challenge)
            {
                OnChallenge(session, ref reader);
                return;
            }

            if (kind != FrameKind.Welcome)
            {
                throw new ProtocolException($"Expected a welcome, got frame kind {(byte)kind}.");
            }

            var manifest = FrameCodec.ReadWelcome(ref reader, out var proof);
            if (_secret is not null && (proof is null || session.SiloNonce is null
                || !ClusterProof.Matches(ClusterProof.OfAccepting(_secret, session.Nonce, session.SiloNonce), proof)))
            {
                throw new ProtocolException("The silo did not prove the cluster secret: its Cluster:ClusterSecret differs from this client's, or it is not a silo of this cluster.");
            }

            session.OnWelcome(manifest);
            return;
        }

        if (kind == FrameKind.Gateways)
        {
            OnGatewayList(session, GatewayListCodec.Read(ref reader));
            return;
        }

        if (kind == FrameKind.NotRun)
        {
            responses.OnNotRun(ref reader);
            return;
        }

        if (kind != FrameKind.Response)
        {
            throw new ProtocolException($"Expected a response or a gateway list, got frame kind {(byte)kind}.");
        }

        responses.OnResponse(ref reader);
    }

    /// <summary>Learns the cluster's gateways; a draining gateway's session takes no new calls from here on.</summary>
    private void OnGatewayList(GatewaySession session, GatewayList list)
    {
        _learned = list.Gateways;
        if (list.Draining)
        {
            MoveAwayFrom(session);
        }
    }

    /// <summary>Sends the next calls to another gateway; those in flight on <paramref name="session"/> are still answered.</summary>
    public void MoveAwayFrom(GatewaySession session)
    {
        if (!session.Draining)
        {
            _leaving = session.Remote;
            session.OnDraining();
            LogDraining(logger, session.Remote);
        }
    }

    /// <summary>Proves the cluster secret by signing the silo's nonce with this client's; the secret itself is never sent.</summary>
    private void OnChallenge(GatewaySession session, ref WireReader reader)
    {
        var siloNonce = HandshakeCodec.ReadChallenge(ref reader);
        if (_secret is null || session.Nonce is null || session.SiloNonce is not null)
        {
            throw new ProtocolException("The silo sent a cluster-secret challenge this client did not ask for: configure Cluster:ClusterSecret on the client.");
        }

        session.SiloNonce = siloNonce;
        var proof = new WireWriter();
        HandshakeCodec.WriteProof(proof, ClusterProof.OfConnecting(_secret, session.Nonce, siloNonce));
        session.Connection.Send(proof);
    }

    [LoggerMessage(3001, LogLevel.Information, "Connected to silo {Silo} at {Gateway}")]
    private static partial void LogConnected(ILogger logger, string gateway, string silo);

    [LoggerMessage(3003, LogLevel.Information, "The gateway at {Gateway} is draining: the next calls go to another gateway")]
    private static partial void LogDraining(ILogger logger, string gateway);

    [LoggerMessage(3002, LogLevel.Warning, "Closed the connection to {Gateway}: {Reason}")]
    private static partial void LogBadSilo(ILogger logger, string gateway, string reason);
}
