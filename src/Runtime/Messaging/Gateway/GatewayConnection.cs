using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>One client's connection to the silo: handshake, then requests in, responses out.</summary>
internal sealed partial class GatewayConnection(
    FramedConnection connection,
    SiloTargetResolver targets,
    IMessageCenter messageCenter,
    CoarseClock clock,
    InFlightRequests inFlight,
    ILogger logger)
{
    private bool _welcomed;

    public FramedConnection Connection => connection;

    public async Task RunAsync()
    {
        try
        {
            await connection.RunAsync(OnFrame, () => _welcomed);
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
        if (!_welcomed)
        {
            if (kind != FrameKind.Hello)
            {
                throw new ProtocolException($"The first frame must be a hello, not kind {(byte)kind}.");
            }

            var client = FrameCodec.ReadHello(ref reader);
            _welcomed = true;
            var welcome = new WireWriter();
            FrameCodec.WriteWelcome(welcome, targets.Manifest);
            connection.Send(welcome);
            LogWelcomed(logger, connection.Remote, client);
            return;
        }

        if (kind != FrameKind.Request)
        {
            throw new ProtocolException($"Expected a request frame, got kind {(byte)kind}.");
        }

        WireRequest request;
        try
        {
            request = FrameCodec.ReadRequest(ref reader, targets);
        }
        catch (UnknownGrainTargetException ex)
        {
            // Tell the caller what was unknown before closing, so it fails with that rather than with "connection lost".
            var probe = new WireReader(payload[1..]);
            var failure = new WireWriter();
            FrameCodec.WriteFailure(failure, FrameCodec.ReadCorrelationId(ref probe), new ArgumentException(ex.Message));
            connection.Send(failure);
            throw;
        }

        if (!inFlight.TryBeginRequest())
        {
            var refusal = new WireWriter();
            FrameCodec.WriteFailure(refusal, request.CorrelationId, SiloShuttingDownException.Refusing(request.Method.ToString(), request.Target));
            connection.Send(refusal);
            return;
        }

        messageCenter.SendRequest(new Message
        {
            Id = request.CorrelationId,
            Target = request.Target,
            Method = request.Method,
            Arguments = request.Arguments,
            DeadlineTimestamp = clock.After(request.Timeout),
            Chain = request.Chain,
            ReplyTo = new ConnectionReply(connection, request.CorrelationId, request.Method, inFlight.EndRequest, logger),
        });
    }

    [LoggerMessage(2001, LogLevel.Warning, "Closed the connection from {Remote}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string remote, string reason);

    [LoggerMessage(2002, LogLevel.Debug, "Client {Client} connected from {Remote}")]
    private static partial void LogWelcomed(ILogger logger, string remote, string client);
}
