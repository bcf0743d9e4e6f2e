using System.Diagnostics;

namespace OrleansBank.Runtime.Calls;

/// <summary>A request to a grain, in process form: the transports turn it into frames and back.</summary>
internal sealed class Message : ICallChainSource
{
    public required long Id { get; init; }

    public required GrainId Target { get; init; }

    public required GrainMethod Method { get; init; }

    /// <summary>The call and its arguments: a generated request with typed fields, or the array form.</summary>
    public required GrainRequest Request { get; init; }

    /// <summary>The <see cref="TimeProvider"/> timestamp after which the caller no longer waits.</summary>
    public required long DeadlineTimestamp { get; init; }

    /// <summary>The request this call was made from, if it was made from grain code.</summary>
    public required CallChain? Chain { get; init; }

    /// <summary>Where the result or the exception goes.</summary>
    public required IResponseSink ReplyTo { get; init; }

    /// <summary>How many times silos have passed this request to another silo; bounded, so stale caches cannot bounce it forever.</summary>
    public int ForwardCount { get; init; }

    /// <summary>How many times this silo held the request back because its target silo could not be reached, and sent it again once membership had decided; bounded.</summary>
    public int Reroutes { get; set; }

    /// <summary>Set by the target activation when the request starts: identifies it in call chains, across silos.</summary>
    public RunToken RunToken { get; set; }

    // Tracing's fields live apart and only while a call is traced: most calls are not, and every byte of a message is
    // written by the caller and read on the activation's core.
    private MessageTrace? _trace;

    /// <summary>The caller's span (W3C trace context), parent of this request's span; default when nobody traces the call.</summary>
    public ActivityContext TraceContext
    {
        get => _trace?.Parent ?? default;
        init
        {
            if (value != default || _trace is not null)
            {
                (_trace ??= new MessageTrace()).Parent = value;
            }
        }
    }

    /// <summary>The span of this request's run on its activation, ended when the reply leaves.</summary>
    public Activity? Span
    {
        get => _trace?.Span;
        set
        {
            if (value is not null || _trace is not null)
            {
                (_trace ??= new MessageTrace()).Span = value;
            }
        }
    }

    /// <summary>When the request reached its activation, for the call duration metric; 0 while metrics are off.</summary>
    public long ArrivalTimestamp { get; set; }

    public CallChain ToCallChain() => new(Target, Method.Name, RunToken, Chain);

    public override string ToString() => $"#{Id} {Target}.{Method.Name}";

    /// <summary>The message pushed before this one onto the same activation's inbox, while it waits there; see ActivationData.Inbox.cs.</summary>
    public Message? NextInInbox { get; set; }
}
