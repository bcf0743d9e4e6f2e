using System.Diagnostics;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Diagnostics;

/// <summary>
/// The runtime's spans on the ActivitySource "OrleansBank": a Client span per grain call on the caller's side, a Server
/// span per request on the activation that runs it, and a span per log append, all within a sampled trace. With no
/// listener, or outside a sampled trace, each entry point costs a check or two and allocates nothing.
/// </summary>
internal static class GrainCallTracing
{
    public const string SourceName = "OrleansBank";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the caller's span, a child of the current one (the calling grain's turn, a client command).</summary>
    /// <remarks>
    /// Only under a sampled span: a call outside any trace starts none, and under an unsampled one its span would be
    /// unsampled too (parent-based), so neither pays for a span nor sends a context. The span ends when the response
    /// arrives, elsewhere, so it is not left as the caller's current span.
    /// </remarks>
    public static Activity? StartCall(GrainId target, GrainMethod method, SiloAddress? silo)
    {
        if (!Source.HasListeners() || Activity.Current is not { Recorded: true } previous)
        {
            return null;
        }

        var span = Source.StartActivity(SpanName(target, method), ActivityKind.Client);
        if (span is null)
        {
            return null;
        }

        Activity.Current = previous;
        if (span.IsAllDataRequested)
        {
            AddCallTags(span, target, method, silo);
        }

        return span;
    }

    /// <summary>Ends a caller's span with the call's outcome, leaving the thread's current span as it was.</summary>
    public static void EndCall(Activity? span, Exception? error)
    {
        if (span is null)
        {
            return;
        }

        var current = Activity.Current;
        End(span, error);
        if (!ReferenceEquals(current, span))
        {
            Activity.Current = current;
        }
    }

    /// <summary>Starts the span of a request's run and makes it current for the grain code; the caller's span is its parent.</summary>
    /// <remarks>
    /// Only for a request whose caller's span is sampled. Call from the async method that runs the request: the current
    /// span it sets ends with that method, and a span left current by the request run before it is cleared.
    /// </remarks>
    public static Activity? StartRequest(Message message, SiloAddress silo)
    {
        if (Activity.Current is not null)
        {
            Activity.Current = null;
        }

        if ((message.TraceContext.TraceFlags & ActivityTraceFlags.Recorded) == 0 || !Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity(SpanName(message.Target, message.Method), ActivityKind.Server, message.TraceContext);
        if (span is { IsAllDataRequested: true })
        {
            AddCallTags(span, message.Target, message.Method, silo);
        }

        return span;
    }

    /// <summary>Ends a request's span as its reply leaves.</summary>
    public static void EndRequest(Activity? span, Exception? error)
    {
        if (span is not null)
        {
            EndCall(span, error);
        }
    }

    /// <summary>Starts the span of one log append under the turn that queued its first event; the other turns are links.</summary>
    public static Activity? StartAppend(string logName, GrainId grainId, int events, ActivityContext parent, IEnumerable<ActivityLink>? links)
    {
        if (parent == default || !Source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        var span = Source.StartActivity(ActivityKind.Internal, parent, links: links, name: "storage/Append");
        if (span is null)
        {
            return null;
        }

        Activity.Current = previous;
        if (span.IsAllDataRequested)
        {
            span.SetTag("grain.type", grainId.Type);
            span.SetTag("grain.id", grainId.ToString());
            span.SetTag("storage.log", logName);
            span.SetTag("storage.events", events);
        }

        return span;
    }

    /// <summary>The context a turn's work is attributed to: the current span's, when it is sampled and anyone listens.</summary>
    public static ActivityContext CurrentContext() =>
        Source.HasListeners() && Activity.Current is { Recorded: true } current ? current.Context : default;

    /// <summary>"account/Withdraw": the grain type as on the wire, then the interface method.</summary>
    public static string SpanName(GrainId target, GrainMethod method) => $"{target.Type}/{method.Name}";

    /// <summary>What a failed call is called in the "outcome" tag, as the grain-call metrics call it.</summary>
    public static string Outcome(Exception? error) => error switch
    {
        null => "ok",
        TimeoutException => "timeout",
        _ => "error",
    };

    private static void AddCallTags(Activity span, GrainId target, GrainMethod method, SiloAddress? silo)
    {
        span.SetTag("grain.type", target.Type);
        span.SetTag("grain.id", target.ToString());
        span.SetTag("grain.method", method.Name);
        span.SetTag("grain.interface", method.InterfaceType.Name);
        if (silo is not null)
        {
            span.SetTag("silo", silo.ToString());
        }
    }

    private static void End(Activity span, Exception? error)
    {
        if (span.IsStopped)
        {
            return;
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag("outcome", Outcome(error));
            if (error is not null)
            {
                span.SetTag("exception.type", error.GetType().FullName);
                span.SetStatus(ActivityStatusCode.Error, error.Message);
            }
        }

        span.Stop();
    }
}
