using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>Sends a request's outcome back over the connection it came in on.</summary>
internal sealed partial class ConnectionReply(FramedConnection connection, long correlationId, GrainMethod method, Action completed, ILogger logger, SiloAddress? peerSilo = null) : IResponseSink
{
    /// <summary>The silo whose link the request came over, or null when a client sent it.</summary>
    public SiloAddress? PeerSilo => peerSilo;

    /// <summary>Tells the silo that sent the request that <paramref name="grainId"/> lives on <paramref name="silo"/> (null: not known), so its next call goes there.</summary>
    public void Moved(GrainId grainId, SiloAddress? silo)
    {
        if (peerSilo is null)
        {
            return; // a client keeps no locations
        }

        var frame = new WireWriter();
        RoutingCodec.WriteMoved(frame, grainId, silo);
        connection.Send(frame);
    }

    public void Refuse(SiloShuttingDownException refusal)
    {
        var frame = new WireWriter();
        RoutingCodec.WriteNotRun(frame, correlationId, refusal);
        Send(frame);
    }

    public void Complete(object? result)
    {
        var frame = new WireWriter();
        try
        {
            FrameCodec.WriteResponse(frame, correlationId, method, result);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidCastException or ArgumentException)
        {
            frame.Reset();
            FrameCodec.WriteFailure(frame, correlationId, new NotSupportedException($"The result of {method} could not be serialized: {ex.Message}"));
        }

        Send(frame);
    }

    public void Fail(Exception exception)
    {
        var frame = new WireWriter();
        try
        {
            FrameCodec.WriteFailure(frame, correlationId, exception);
        }
        catch (ArgumentException ex)
        {
            // A message that is not valid text: unanswered, the call would wait for its timeout and hold up shutdown.
            frame.Reset();
            FrameCodec.WriteFailure(frame, correlationId, new NotSupportedException($"The {exception.GetType().Name} thrown by {method} could not be serialized: {ex.Message}"));
        }

        Send(frame);
    }

    private void Send(WireWriter frame)
    {
        // The peer drops a connection that sends a frame over its limit, failing every call on it as "lost":
        // an answer too big to send becomes an error for this call alone.
        var size = frame.Length - FrameCodec.HeaderSize;
        if (size > connection.MaxFrameSize)
        {
            var limit = FrameLimit.Describe(connection.MaxFrameSize);
            LogTooLarge(logger, method.ToString(), size, limit, connection.Remote);
            frame.Reset();
            FrameCodec.WriteFailure(frame, correlationId, new ResponseTooLargeException(
                $"The reply to {method} is {size:N0} bytes, over the {limit} frame limit: ask for less (page it)."));
        }

        connection.Send(frame);
        completed();
    }

    [LoggerMessage(2013, LogLevel.Warning, "The reply to {Method} is {Size:N0} bytes, over the {Limit} frame limit; sent {Remote} an error instead")]
    private static partial void LogTooLarge(ILogger logger, string method, int size, string limit, string remote);
}
