using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansBank.Runtime.Tests.Core.Diagnostics;

/// <summary>
/// Records every span of the "OrleansBank" source that ends while it listens, sampling all of them. Listeners are
/// process-wide, so a test starts a root span of its own (<see cref="StartRoot"/>) and reads only its trace.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("OrleansBank.Tests");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "OrleansBank" or "OrleansBank.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A root span, current until disposed: what a test's grain calls hang under.</summary>
    public static Activity StartRoot(string name) => TestSource.StartActivity(name, ActivityKind.Internal, default(ActivityContext))!;

    /// <summary>The spans of the "OrleansBank" source that ended in the given trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) =>
        [.. _stopped.Where(a => a.TraceId == traceId && a.Source.Name == "OrleansBank")];

    /// <summary>The spans of the "OrleansBank" source that ended for the given grain, whatever their trace.</summary>
    public IReadOnlyList<Activity> OfGrain(string grainId) =>
        [.. _stopped.Where(a => a.Source.Name == "OrleansBank" && (string?)a.GetTagItem("grain.id") == grainId)];

    public void Dispose() => _listener.Dispose();
}
