using System.Diagnostics;

namespace OrleansBank.Runtime.Calls;

/// <summary>A traced message's tracing fields: the caller's span context and the span of the request's run.</summary>
internal sealed class MessageTrace
{
    public ActivityContext Parent { get; set; }

    public Activity? Span { get; set; }
}
