using System.Diagnostics;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>A request as decoded from a frame, before it becomes a <see cref="Message"/>: a struct, as it lives no longer than the decoding.</summary>
internal readonly record struct WireRequest(
    long CorrelationId,
    GrainId Target,
    GrainMethod Method,
    GrainRequest Request,
    TimeSpan Timeout,
    CallChain? Chain,
    int ForwardCount = 0)
{
    /// <summary>The caller's span, when the request carried a trace context.</summary>
    public ActivityContext TraceContext { get; init; }
}
