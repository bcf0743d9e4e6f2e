using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>A client's message center: sends each request over the gateway session, connecting first if there is none.</summary>
internal sealed class ClientMessageCenter(GatewayConnector connector, CoarseClock clock) : IMessageCenter
{
    public void SendRequest(Message message)
    {
        if (connector.Session is { IsUsable: true } session)
        {
            Send(session, message);
        }
        else
        {
            _ = SendAfterConnectingAsync(message);
        }
    }

    private async Task SendAfterConnectingAsync(Message message)
    {
        try
        {
            await connector.ConnectAsync(CancellationToken.None);
            Send(connector.Session!, message);
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
        call.Route = session;
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
            call.Fail(session.Lost(call, "the connection closed as the call was sent"));
        }
    }
}
