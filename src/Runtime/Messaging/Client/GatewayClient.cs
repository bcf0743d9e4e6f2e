using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>
/// A client's link to the cluster: sends requests to a gateway and completes calls from its responses.
/// A lost connection fails every call sent on it at once; the next call connects again.
/// </summary>
internal sealed partial class GatewayClient(
    IConnectionTransport transport,
    PendingCallTable pendingCalls,
    CoarseClock clock,
    IOptions<ClientOptions> options,
    IOptions<ConnectionOptions> connectionOptions,
    ILogger<GatewayClient> logger) : IMessageCenter, IGrainTypeResolver, IAsyncDisposable
{
    private readonly object _attemptLock = new();
    private Task? _attempt;
    private volatile GatewaySession? _session;
    private volatile Manifest? _manifest;
    private int _nextGateway;

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

    private async Task ConnectOnceAsync()
    {
        var gateways = options.Value.Gateways;
        if (gateways.Count == 0)
        {
            throw new SiloUnavailableException("No gateways are configured: add at least one host:port.");
        }

        var failures = new List<string>();
        for (var attempt = 0; attempt < gateways.Count; attempt++)
        {
            var gateway = gateways[(_nextGateway + attempt) % gateways.Count];
            try
            {
                _session = await OpenAsync(gateway, CancellationToken.None);
                _nextGateway = (_nextGateway + attempt) % gateways.Count;
                return;
            }
            catch (Exception ex)
            {
                failures.Add($"{gateway}: {ex.Message}");
            }
        }

        throw new SiloUnavailableException($"No silo answered at {string.Join(", ", gateways)} ({string.Join("; ", failures)}).");
    }

    public string GetGrainType(Type grainInterface)
    {
        var manifest = _manifest ?? throw new InvalidOperationException("The client has not connected yet: start its host first.");
        return manifest.GrainTypesByInterface.TryGetValue(grainInterface.FullName!, out var grainType)
            ? grainType
            : throw new ArgumentException($"The silo '{manifest.SiloName}' hosts no grain that implements {grainInterface.Name}.", nameof(grainInterface));
    }

    public void SendRequest(Message message)
    {
        if (_session is { IsUsable: true } session)
        {
            Send(session, message);
        }
        else
        {
            _ = SendAfterConnectingAsync(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            await session.Connection.CloseAsync("the client is stopping");
        }
    }

    private async Task SendAfterConnectingAsync(Message message)
    {
        try
        {
            await ConnectAsync(CancellationToken.None);
            Send(_session!, message);
        }
        catch (Exception ex)
        {
            // A request that cannot be encoded (not valid text) is the caller's error, not the silo's absence.
            message.ReplyTo.Fail(ex is SiloUnavailableException or ArgumentException ? ex : new SiloUnavailableException(ex.Message, ex));
        }
    }

    private void Send(GatewaySession session, Message message)
    {
        var call = (IPendingCall)message.ReplyTo;
        call.Route = session.Connection;
        var frame = new WireWriter();
        try
        {
            var remaining = TimeSpan.FromSeconds((double)(message.DeadlineTimestamp - clock.Now) / clock.Frequency);
            FrameCodec.WriteRequest(frame, message.Id, message, remaining);
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        // The silo would cut the connection on a frame over its limit, failing every call on it: refuse this one alone.
        var size = frame.Length - FrameCodec.HeaderSize;
        if (size > session.Connection.MaxFrameSize)
        {
            frame.Dispose();
            call.Fail(new ArgumentException(
                $"The request {message.Method} to {message.Target} is {size:N0} bytes, over the {FrameLimit.Describe(session.Connection.MaxFrameSize)} frame limit, so it was not sent: send less."));
            return;
        }

        session.Connection.Send(frame);
        if (session.Connection.IsClosed)
        {
            // Closed between the check and the send: the drop handler may have run already.
            call.Fail(Lost(session, call, "the connection closed as the call was sent"));
        }
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

        var session = new GatewaySession(new FramedConnection(stream, gateway, connectionOptions.Value));
        _ = RunAsync(session);
        var hello = new WireWriter();
        FrameCodec.WriteHello(hello, options.Value.ClientName);
        session.Connection.Send(hello);
        try
        {
            _manifest = await session.Welcome.WaitAsync(options.Value.ConnectTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            await session.Connection.CloseAsync("no welcome");
            throw new TimeoutException($"the silo did not answer the hello within {options.Value.ConnectTimeout}");
        }

        LogConnected(logger, gateway, _manifest.SiloName);
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
        session.OnClosed(reason);
        if (_session == session)
        {
            _session = null;
        }

        pendingCalls.FailWhere(call => call.Route == connection, call => Lost(session, call, reason));
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

            session.OnWelcome(kind == FrameKind.Welcome
                ? FrameCodec.ReadWelcome(ref reader)
                : throw new ProtocolException($"Expected a welcome, got frame kind {(byte)kind}."));
            return;
        }

        if (kind != FrameKind.Response)
        {
            throw new ProtocolException($"Expected a response, got frame kind {(byte)kind}.");
        }

        var id = FrameCodec.ReadCorrelationId(ref reader);
        if (!pendingCalls.TryGet(id, out var call))
        {
            return; // already timed out or failed: nobody waits for this answer
        }

        var (result, error) = FrameCodec.ReadResponseBody(ref reader, call!.Method);
        if (error is null)
        {
            call.Complete(result);
        }
        else
        {
            call.Fail(error);
        }
    }

    private static SiloUnavailableException Lost(GatewaySession session, IPendingCall call, string reason) =>
        new($"The connection to the silo at {session.Connection.Remote} was lost ({reason}) while {call.Target}.{call.Method.Name} was in flight; it may or may not have run.");

    [LoggerMessage(3001, LogLevel.Information, "Connected to silo {Silo} at {Gateway}")]
    private static partial void LogConnected(ILogger logger, string gateway, string silo);

    [LoggerMessage(3002, LogLevel.Warning, "Closed the connection to {Gateway}: {Reason}")]
    private static partial void LogBadSilo(ILogger logger, string gateway, string reason);
}
