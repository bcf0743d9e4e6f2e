using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>
/// A client's message center: sends each request over the gateway session, connecting first if there is none. A
/// request the gateway silo refused because it is shutting down (a not-run answer: it did not run) is sent again
/// through another gateway, any call alike: that covers the calls that crossed the gateway's "draining" notice on the
/// wire. A refusal some other silo gave a call the grain made is an ordinary error: the client's call did run.
/// </summary>
internal sealed class ClientMessageCenter : IMessageCenter
{
    /// <summary>Sends after a refusal per call: more would only ping-pong between silos that are all stopping.</summary>
    public const int MaxResends = 2;

    private readonly GatewayConnector _connector;
    private readonly CoarseClock _clock;

    public ClientMessageCenter(GatewayConnector connector, CoarseClock clock, ResponseDispatcher responses)
    {
        _connector = connector;
        _clock = clock;
        responses.Resend = TryResend;
        responses.Settled = connector.CloseIfIdle;
    }

    public void SendRequest(Message message)
    {
        if (_connector.Session is { IsUsable: true } session)
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
            await _connector.ConnectAsync(CancellationToken.None);
            Send(_connector.Session!, message);
        }
        catch (Exception ex)
        {
            // A request that cannot be encoded (not valid text) is the caller's error, not the silo's absence.
            message.ReplyTo.Fail(ex is SiloUnavailableException or ArgumentException ? ex : new SiloUnavailableException(ex.Message, ex));
        }
    }

    private bool TryResend(IPendingCall call, SiloShuttingDownException refusal)
    {
        if (call.Request is not { } message || call.Resends >= MaxResends || call.Route is not GatewaySession refusing)
        {
            return false;
        }

        // A silo that refuses for shutdown is draining, whether or not its notice has arrived: go elsewhere.
        _connector.MoveAwayFrom(refusing);
        call.Resends++;
        // Off the refusing session, so its close does not fail a call that is about to be sent elsewhere.
        call.Route = null;
        _ = ResendAsync(message, refusing, refusal);
        return true;
    }

    private async Task ResendAsync(Message message, GatewaySession refusing, SiloShuttingDownException refusal)
    {
        try
        {
            await _connector.ConnectAsync(CancellationToken.None);
            if (_connector.Session is { } session && session != refusing)
            {
                Send(session, message);
                return;
            }
        }
        catch (Exception ex) when (ex is SiloUnavailableException)
        {
            // No other gateway answers: the refusal, saying the call did not run, is the truer answer.
        }

        message.ReplyTo.Fail(refusal);
    }

    private void Send(GatewaySession session, Message message)
    {
        var call = (IPendingCall)message.ReplyTo;
        call.Route = session;
        call.Request = message;
        var frame = new WireWriter();
        try
        {
            var remaining = TimeSpan.FromSeconds((double)(message.DeadlineTimestamp - _clock.Now) / _clock.Frequency);
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
