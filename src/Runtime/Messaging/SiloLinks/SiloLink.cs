using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>
/// This silo's link to one other silo incarnation: one connection carrying every request to it, multiplexed by a
/// link-local id. Callers that arrive while it connects share one attempt; a dropped connection fails its calls at
/// once, and the next call connects again.
/// </summary>
internal sealed partial class SiloLink(
    SiloAddress target,
    SiloLinkSettings settings,
    ILogger logger,
    Func<SiloAddress, Message, Exception, bool>? unreachable = null,
    SiloLinkSteering? steering = null) : ICallRoute
{
    private readonly ConcurrentDictionary<long, LinkedCall> _calls = new();
    private readonly object _attemptLock = new();
    private Task<SiloLinkConnection>? _attempt;
    private volatile SiloLinkConnection? _current;
    private long _nextId;

    public SiloAddress Target { get; } = target;

    public string Remote => Target.ToString();

    /// <summary>Requests sent and not yet answered.</summary>
    public int PendingCount => _calls.Count;

    /// <summary>The live connection, if any: tests cut it to simulate a network failure.</summary>
    public FramedConnection? Connection => _current?.Connection;

    public void Send(Message message)
    {
        if (_current is { IsUsable: true } connection)
        {
            TryWrite(connection, message);
        }
        else
        {
            _ = SendAfterConnectingAsync(message);
        }
    }

    /// <summary>Fails every call whose deadline has passed: the callee may never answer one it dropped.</summary>
    public void ExpireLateCalls(long now)
    {
        foreach (var (id, call) in _calls)
        {
            if (now >= call.DeadlineTimestamp && _calls.TryRemove(id, out _))
            {
                if (call.ReplyTo is IPendingCall pending)
                {
                    pending.Expire();
                }
                else
                {
                    call.ReplyTo.Fail(new TimeoutException(
                        $"Response did not arrive on time: {call.Target}.{call.Method.Name} ({call.Method}) did not answer in time over the link to silo {Target}."));
                }
            }
        }
    }

    public async Task CloseAsync(string reason)
    {
        if (_current is { } connection)
        {
            await connection.Connection.CloseAsync(reason);
        }
    }

    private async Task SendAfterConnectingAsync(Message message)
    {
        SiloLinkConnection connection;
        try
        {
            connection = await ConnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var error = new SiloUnavailableException(
                $"No route to silo {Target}: {message.Target}, the target of {message.Method}, lives there, and the link to it could not be opened: {ex.Message}", ex);
            // Never sent, so it is safe to send again: the router may hold it until membership has judged the silo.
            if (unreachable?.Invoke(Target, message, error) != true)
            {
                message.ReplyTo.Fail(error);
            }

            return;
        }

        TryWrite(connection, message);
    }

    /// <summary>Sends, or fails this call alone: a request that cannot be encoded must not reach a gateway's read loop.</summary>
    private void TryWrite(SiloLinkConnection connection, Message message)
    {
        try
        {
            Write(connection, message);
        }
        catch (Exception ex)
        {
            message.ReplyTo.Fail(ex);
        }
    }

    private Task<SiloLinkConnection> ConnectAsync()
    {
        lock (_attemptLock)
        {
            if (_current is { IsUsable: true } connection)
            {
                return Task.FromResult(connection);
            }

            if (_attempt is null || _attempt.IsCompleted)
            {
                _attempt = Task.Run(OpenAsync);
            }

            return _attempt;
        }
    }

    private async Task<SiloLinkConnection> OpenAsync()
    {
        var timeout = settings.Connection.HandshakeTimeout;
        Stream stream;
        using (var connecting = new CancellationTokenSource(timeout))
        {
            try
            {
                stream = await settings.Transport.ConnectAsync(Target.Endpoint, connecting.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"connecting to {Target.Endpoint} took longer than {timeout}");
            }
        }

        var link = new SiloLinkConnection(new FramedConnection(stream, Target.ToString(), settings.Connection), settings.Secret is null ? null : ClusterProof.NewNonce());
        _ = RunAsync(link);
        var hello = new WireWriter();
        HandshakeCodec.WriteSiloHello(hello, new SiloHello(settings.ClusterId, settings.Local, Target, link.Nonce));
        link.Connection.Send(hello);
        try
        {
            await link.Welcome.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await link.Connection.CloseAsync("no welcome");
            throw new TimeoutException($"silo {Target} did not answer the hello within {timeout}");
        }

        _current = link;
        LogLinked(logger, Target);
        return link;
    }

    private async Task RunAsync(SiloLinkConnection link)
    {
        var connection = link.Connection;
        try
        {
            await connection.RunAsync(payload => OnFrame(link, payload), () => link.Welcomed);
        }
        catch (ProtocolException ex)
        {
            LogBadPeer(logger, Target, ex.Message);
            await connection.CloseAsync(ex.Message);
        }

        var reason = await connection.Closed;
        link.OnClosed(reason);
        if (_current == link)
        {
            _current = null;
        }

        var failed = 0;
        foreach (var (id, call) in _calls)
        {
            if (call.Connection == link && _calls.TryRemove(id, out _))
            {
                failed++;
                call.ReplyTo.Fail(Lost(call, reason));
            }
        }

        FailPings(link, reason);
        if (link.Welcomed)
        {
            LogLost(logger, Target, reason, failed);
        }
    }

    private void Write(SiloLinkConnection link, Message message)
    {
        var id = Interlocked.Increment(ref _nextId);
        var frame = new WireWriter();
        try
        {
            var remaining = TimeSpan.FromSeconds((double)(message.DeadlineTimestamp - settings.Clock.Now) / settings.Clock.Frequency);
            FrameCodec.WriteRequest(frame, id, message, remaining, message.ForwardCount + 1);
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        // The peer would cut the link on a frame over its limit, failing every call on it: refuse this one alone.
        var size = frame.Length - FrameCodec.HeaderSize;
        if (size > link.Connection.MaxFrameSize)
        {
            frame.Dispose();
            message.ReplyTo.Fail(new ArgumentException(
                $"The request {message.Method} to {message.Target} is {size:N0} bytes, over the {FrameLimit.Describe(link.Connection.MaxFrameSize)} frame limit, so it was not sent: send less."));
            return;
        }

        var call = new LinkedCall(message.ReplyTo, message.Target, message.Method, message.DeadlineTimestamp, link, message);
        _calls[id] = call;
        link.Connection.Send(frame);
        if (link.Connection.IsClosed && _calls.TryRemove(id, out _))
        {
            // Closed between the check and the send: the drop handler may have run already.
            message.ReplyTo.Fail(Lost(call, "the link closed as the call was sent"));
        }
    }

    private void OnFrame(SiloLinkConnection link, ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var kind = (FrameKind)reader.ReadByte();
        if (!link.Welcomed)
        {
            OnHandshakeFrame(link, kind, ref reader);
            return;
        }

        if (kind == FrameKind.Pong)
        {
            OnPong(FrameCodec.ReadProbe(ref reader));
            return;
        }

        if (kind == FrameKind.Moved)
        {
            OnMoved(ref reader);
            return;
        }

        if (kind is not (FrameKind.Response or FrameKind.NotRun))
        {
            throw new ProtocolException($"Expected a response from silo {Target}, got frame kind {(byte)kind}.");
        }

        var id = FrameCodec.ReadCorrelationId(ref reader);
        if (!_calls.TryRemove(id, out var call))
        {
            return; // expired already: nobody waits for this answer
        }

        if (kind == FrameKind.NotRun)
        {
            OnNotRun(call, ref reader);
            return;
        }

        var (result, error) = FrameCodec.ReadResponseBody(ref reader, call.Method);
        if (error is null)
        {
            call.ReplyTo.Complete(result);
        }
        else
        {
            call.ReplyTo.Fail(error);
        }
    }

    private void OnHandshakeFrame(SiloLinkConnection link, FrameKind kind, ref WireReader reader)
    {
        switch (kind)
        {
            case FrameKind.Refused:
                var reason = FrameCodec.ReadRefusal(ref reader);
                LogRefused(logger, Target, reason);
                _ = link.Connection.CloseAsync($"silo {Target} refused the link: {reason}");
                return;
            case FrameKind.Challenge:
                var peerNonce = HandshakeCodec.ReadChallenge(ref reader);
                if (settings.Secret is null || link.PeerNonce is not null)
                {
                    throw new ProtocolException($"Silo {Target} sent a cluster-secret challenge this silo did not ask for.");
                }

                link.PeerNonce = peerNonce;
                var proof = new WireWriter();
                HandshakeCodec.WriteProof(proof, ClusterProof.OfConnecting(settings.Secret, link.Nonce, peerNonce));
                link.Connection.Send(proof);
                return;
            case FrameKind.SiloWelcome:
                var (silo, siloProof) = HandshakeCodec.ReadSiloWelcome(ref reader);
                if (silo != Target)
                {
                    throw new ProtocolException($"Expected to reach silo {Target}, but {silo} answered.");
                }

                if (settings.Secret is not null && (siloProof is null || link.PeerNonce is null
                    || !ClusterProof.Matches(ClusterProof.OfAccepting(settings.Secret, link.Nonce, link.PeerNonce), siloProof)))
                {
                    throw new ProtocolException($"Silo {Target} did not prove the cluster secret: its Cluster:ClusterSecret differs from this silo's.");
                }

                link.OnWelcome();
                return;
            default:
                throw new ProtocolException($"Expected a welcome from silo {Target}, got frame kind {(byte)kind}.");
        }
    }

    private SiloUnavailableException Lost(LinkedCall call, string reason) =>
        new($"The link to silo {Target} was lost ({reason}) while {call.Target}.{call.Method.Name} was in flight; it may or may not have run.");

    [LoggerMessage(4001, LogLevel.Information, "Linked to silo {Silo}")]
    private static partial void LogLinked(ILogger logger, SiloAddress silo);

    [LoggerMessage(4002, LogLevel.Warning, "The link to silo {Silo} was lost ({Reason}); failed {Count} call(s) in flight on it")]
    private static partial void LogLost(ILogger logger, SiloAddress silo, string reason, int count);

    [LoggerMessage(4003, LogLevel.Warning, "Silo {Silo} refused the link: {Reason}")]
    private static partial void LogRefused(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "Closed the link to silo {Silo}: {Reason}")]
    private static partial void LogBadPeer(ILogger logger, SiloAddress silo, string reason);
}
