using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>Sends a request's outcome back over the connection it came in on.</summary>
internal sealed class ConnectionReply(FramedConnection connection, long correlationId, GrainMethod method, Action completed) : IResponseSink
{
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
        connection.Send(frame);
        completed();
    }
}
