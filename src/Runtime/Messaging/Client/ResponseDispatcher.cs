using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>Completes a client's pending calls from a gateway's responses, and fails those whose session closed.</summary>
internal sealed class ResponseDispatcher(PendingCallTable pendingCalls)
{
    /// <summary>
    /// Offered every call the gateway silo refused unrun because it is shutting down (a <see cref="FrameKind.NotRun"/>
    /// answer); true when it was sent again elsewhere, and so must not fail now. A <see cref="SiloShuttingDownException"/>
    /// in an ordinary response came from a call the grain made, so the client's own call did run: it is never resent.
    /// </summary>
    public Func<IPendingCall, SiloShuttingDownException, bool>? Resend { get; set; }

    /// <summary>Told of the session a call was answered on, once the call is settled: a replaced session may close when idle.</summary>
    public Action<GatewaySession>? Settled { get; set; }

    /// <summary>True while a call sent on <paramref name="session"/> waits for its answer.</summary>
    public bool HasCallsOn(GatewaySession session) => pendingCalls.Any(call => call.Route == session);

    /// <summary>Completes the call a response frame answers; <paramref name="reader"/> is positioned after the frame kind.</summary>
    public void OnResponse(ref WireReader reader)
    {
        var id = FrameCodec.ReadCorrelationId(ref reader);
        if (!pendingCalls.TryGet(id, out var call))
        {
            return; // already timed out or failed: nobody waits for this answer
        }

        var route = call!.Route;
        var (result, error) = FrameCodec.ReadResponseBody(ref reader, call.Method);
        if (error is null)
        {
            call.Complete(result);
        }
        else
        {
            call.Fail(error);
        }

        if (route is GatewaySession session)
        {
            Settled?.Invoke(session);
        }
    }

    /// <summary>Resends, or fails, the call a not-run refusal answers; <paramref name="reader"/> is positioned after the frame kind.</summary>
    public void OnNotRun(ref WireReader reader)
    {
        var id = FrameCodec.ReadCorrelationId(ref reader);
        if (!pendingCalls.TryGet(id, out var call))
        {
            return;
        }

        var route = call!.Route;
        var refusal = RoutingCodec.ReadNotRun(ref reader);
        if (Resend?.Invoke(call, refusal) != true)
        {
            call.Fail(refusal);
        }

        if (route is GatewaySession session)
        {
            Settled?.Invoke(session);
        }
    }

    /// <summary>Fails every call still in flight on a session that closed: none of them can be answered any more.</summary>
    public void OnClosed(GatewaySession session, string reason) =>
        pendingCalls.FailWhere(call => call.Route == session, call => session.Lost(call, reason));
}
