using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Diagnostics;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Turns a call on a grain reference into a message and hands back the task the caller awaits.</summary>
internal sealed class GrainCallInvoker(
    IMessageCenter messageCenter,
    PendingCallTable pendingCalls,
    CoarseClock clock,
    IOptions<MessagingOptions> options,
    ILocalSiloDetails? localSilo = null)
{
    private readonly TimeSpan _defaultTimeout = options.Value.ResponseTimeout;

    public Task Invoke(GrainId target, GrainInterfaceMethod method, GrainRequest request)
    {
        ActivationHandle? local = null;
        return Invoke(target, method, request, ref local);
    }

    /// <summary>As <see cref="Invoke(GrainId, GrainInterfaceMethod, GrainRequest)"/>, sent straight to <paramref name="local"/>'s activation while it lives.</summary>
    public Task Invoke(GrainId target, GrainInterfaceMethod method, GrainRequest request, ref ActivationHandle? local)
    {
        var call = method.CreatePendingCall();
        var timeout = method.Timeout ?? _defaultTimeout;
        var deadline = clock.After(timeout);
        var id = pendingCalls.NextId();
        call.Start(pendingCalls, id, target, method, deadline, timeout);
        var span = call.Span = GrainCallTracing.StartCall(target, method, localSilo?.SiloAddress);
        try
        {
            messageCenter.SendRequest(
                new Message
                {
                    Id = id,
                    Target = target,
                    Method = method,
                    Request = request,
                    DeadlineTimestamp = deadline,
                    Chain = CallChain.Current,
                    ReplyTo = call,
                    TraceContext = span?.Context ?? default,
                },
                ref local);
        }
        catch (Exception ex)
        {
            call.Fail(ex);
        }

        return call.Task;
    }
}
