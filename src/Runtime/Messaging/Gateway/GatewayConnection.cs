using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>One client's connection to the silo: handshake, then requests in, responses out.</summary>
internal sealed partial class GatewayConnection(
    FramedConnection connection,
    SiloTargetResolver targets,
    IMessageCenter messageCenter,
    CoarseClock clock,
    InFlightRequests inFlight,
    PeerAdmission admission,
    bool siloPort,
    GatewayListPublisher gatewayList,
    ILogger logger,
    GrainCallMetrics? metrics = null)
{
    private readonly RepeatedStrings _names = new();
    private readonly Action _endRequest = inFlight.EndRequest;
    private HandshakeStage _stage;
    private bool _peerIsSilo;
    private SiloAddress? _peerSilo;
    private string _peerName = "";
    private byte[]? _peerNonce;
    private byte[]? _ourNonce;

    private enum HandshakeStage
    {
        AwaitingHello,
        AwaitingProof,
        Welcomed,
    }

    public FramedConnection Connection => connection;

    /// <summary>True when it came in on the silo port (a peer silo's link, or a client there); false on the gateway port.</summary>
    public bool OnSiloPort => siloPort;

    public async Task RunAsync()
    {
        try
        {
            await connection.RunAsync(OnFrame, () => _stage == HandshakeStage.Welcomed);
        }
        catch (ProtocolException ex)
        {
            LogRejected(logger, connection.Remote, ex.Message);
            await connection.CloseAsync(ex.Message);
        }
    }

    private void OnFrame(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var kind = (FrameKind)reader.ReadByte();
        if (_stage == HandshakeStage.AwaitingHello)
        {
            OnHello(kind, ref reader);
            return;
        }

        if (_stage == HandshakeStage.AwaitingProof)
        {
            OnProof(kind, ref reader);
            return;
        }

        if (kind == FrameKind.Ping && _peerIsSilo)
        {
            // Answered here, on the read loop, ahead of any grain work: a busy silo is still an alive one.
            var pong = new WireWriter();
            FrameCodec.WriteProbe(pong, FrameKind.Pong, FrameCodec.ReadProbe(ref reader));
            connection.Send(pong);
            return;
        }

        if (kind != FrameKind.Request)
        {
            throw new ProtocolException($"Expected a request frame, got kind {(byte)kind}.");
        }

        WireRequest request;
        try
        {
            request = FrameCodec.ReadRequest(ref reader, targets, _names);
        }
        catch (UnknownGrainTargetException ex)
        {
            // Tell the caller what was unknown before closing, so it fails with that rather than with "connection lost".
            var probe = new WireReader(payload[1..]);
            var failure = new WireWriter();
            FrameCodec.WriteFailure(failure, FrameCodec.ReadCorrelationId(ref probe), new ArgumentException(ex.Message));
            connection.Send(failure);
            if (_peerIsSilo)
            {
                // A silo link carries the calls of many grains: a peer that hosts a grain this silo does not (a rolling
                // deployment) fails that call alone, not every call in flight on the link.
                LogUnknownTarget(logger, _peerName, ex.Message);
                return;
            }

            throw;
        }

        // A peer silo's requests are not counted: its link stays open until this silo is dead, and a request for a grain
        // that has left goes to the catalog, which sends it on to the grain's new silo rather than refusing it.
        if (!_peerIsSilo && !inFlight.TryBeginRequest())
        {
            var refusal = new WireWriter();
            RoutingCodec.WriteNotRun(refusal, request.CorrelationId, SiloShuttingDownException.Refusing(admission.Local, request.Method.ToString(), request.Target));
            connection.Send(refusal);
            return;
        }

        if (!_peerIsSilo)
        {
            metrics?.GatewayCall(request.Target.Type, request.Method.Name);
        }

        messageCenter.SendRequest(new Message
        {
            Id = request.CorrelationId,
            Target = request.Target,
            Method = request.Method,
            Request = request.Request,
            DeadlineTimestamp = clock.After(request.Timeout),
            Chain = request.Chain,
            ForwardCount = request.ForwardCount,
            TraceContext = request.TraceContext,
            ReplyTo = _peerIsSilo
                ? new ConnectionReply(connection, request.CorrelationId, request.Method, static () => { }, logger, _peerSilo)
                : new ConnectionReply(connection, request.CorrelationId, request.Method, _endRequest, logger),
        });
    }

    private void OnHello(FrameKind kind, ref WireReader reader)
    {
        string? refusal;
        if (kind == FrameKind.Hello)
        {
            _peerName = FrameCodec.ReadHello(ref reader, out _peerNonce);
            refusal = admission.RefuseSecret(_peerNonce);
        }
        else if (kind == FrameKind.SiloHello)
        {
            var hello = HandshakeCodec.ReadSiloHello(ref reader);
            (_peerIsSilo, _peerSilo, _peerName, _peerNonce) = (true, hello.Sender, hello.Sender.ToString(), hello.Nonce);
            refusal = siloPort ? admission.RefuseSilo(hello) : "silo links connect to the silo port, not the gateway port";
        }
        else
        {
            throw new ProtocolException($"The first frame must be a hello, not kind {(byte)kind}.");
        }

        if (refusal is not null)
        {
            Refuse(refusal);
        }

        if (admission.Secret is null)
        {
            Welcome(proof: null);
            return;
        }

        // The peer proves the secret before anything is served; this silo proves it in its welcome.
        _ourNonce = ClusterProof.NewNonce();
        var challenge = new WireWriter();
        HandshakeCodec.WriteChallenge(challenge, _ourNonce);
        connection.Send(challenge);
        _stage = HandshakeStage.AwaitingProof;
    }

    private void OnProof(FrameKind kind, ref WireReader reader)
    {
        if (kind != FrameKind.Proof)
        {
            Refuse($"the peer answered the cluster-secret challenge with frame kind {(byte)kind}, not a proof");
        }

        var proof = HandshakeCodec.ReadProof(ref reader);
        if (!ClusterProof.Matches(ClusterProof.OfConnecting(admission.Secret!, _peerNonce, _ourNonce), proof))
        {
            Refuse("the peer's proof of the cluster secret is wrong: its Cluster:ClusterSecret differs from this silo's");
        }

        Welcome(ClusterProof.OfAccepting(admission.Secret!, _peerNonce, _ourNonce));
    }

    private void Welcome(byte[]? proof)
    {
        var welcome = new WireWriter();
        if (_peerIsSilo)
        {
            HandshakeCodec.WriteSiloWelcome(welcome, admission.Local, proof);
        }
        else
        {
            FrameCodec.WriteWelcome(welcome, targets.Manifest, proof);
        }

        _stage = HandshakeStage.Welcomed;
        connection.Send(welcome);
        if (!_peerIsSilo)
        {
            gatewayList.Welcomed(connection);
        }

        LogWelcomed(logger, connection.Remote, _peerIsSilo ? $"silo {_peerName}" : _peerName);
    }

    /// <summary>Tells the peer why it is not served, then ends the connection (the caller logs the reason).</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Refuse(string reason)
    {
        var refusal = new WireWriter();
        FrameCodec.WriteRefusal(refusal, reason);
        connection.Send(refusal);
        throw new ProtocolException($"refused {(_peerIsSilo ? "silo " : "")}{_peerName}: {reason}");
    }

    [LoggerMessage(2015, LogLevel.Warning, "Silo {Silo} called a grain this silo does not host: {Reason}")]
    private static partial void LogUnknownTarget(ILogger logger, string silo, string reason);

    [LoggerMessage(2001, LogLevel.Warning, "Closed the connection from {Remote}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(2002, LogLevel.Debug, "{Client} connected from {Remote}")]
    private static partial void LogWelcomed(ILogger logger, string remote, string client);
}
