using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Metrics;

/// <summary>
/// The grain call counter and duration histogram, recorded on the silo that ran the call. One per silo, from the
/// silo's <see cref="IMeterFactory"/>, so a listener can tell the silos of one process apart by the meter's scope.
/// </summary>
internal sealed class GrainCallMetrics
{
    public const string CallsName = "orleansbank.grain.calls";
    public const string DurationName = "orleansbank.grain.call.duration";
    public const string GatewayCallsName = "orleansbank.gateway.calls";

    /// <summary>Bucket bounds in seconds: from a fast in-memory call (50 µs) to the default call timeout (30 s).</summary>
    internal static readonly IReadOnlyList<double> DurationBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _longTurns;
    private readonly Counter<long> _gatewayCalls;
    private readonly TimeProvider _time;
    private readonly long _longTurnTicks;

    public GrainCallMetrics(IMeterFactory meters, TimeProvider time, IOptions<SiloMetricsOptions>? options = null)
    {
        var meter = meters.Create(OrleansBankMeter.Name);
        _calls = meter.CreateCounter<long>(CallsName, unit: "{call}", description: "Grain calls completed on the silo that ran them.");
        _duration = meter.CreateHistogram<double>(
            DurationName,
            unit: "s",
            description: "Time from a request's arrival at its activation to its response.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _longTurns = meter.CreateCounter<long>(
            "orleansbank.turns.long", "{turn}", "Requests that held their activation longer than Metrics:LongTurnThreshold, by grain type.");
        _gatewayCalls = meter.CreateCounter<long>(
            GatewayCallsName, "{call}", "Grain calls clients sent through this silo's gateway, wherever the grain runs, by grain type and method.");
        _time = time;
        var threshold = options?.Value.LongTurnThreshold ?? new SiloMetricsOptions().LongTurnThreshold;
        _longTurnTicks = (long)(threshold.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>False while nothing listens: the call path then skips even reading the clock.</summary>
    public bool Enabled => _calls.Enabled || _duration.Enabled;

    /// <summary>The timestamp a request's duration starts from; 0 while nothing listens.</summary>
    public long Start() => Enabled ? _time.GetTimestamp() : 0;

    /// <summary>
    /// Counts a turn of <paramref name="grainType"/> that ran from <paramref name="start"/> to <paramref name="end"/>
    /// (timestamps of the silo's clock) if that is over the threshold. The activation passes its coarse clock's
    /// readings, which cost no clock call: a threshold of a second needs no finer step than the clock's 100 ms.
    /// </summary>
    public void TurnEnded(string grainType, long start, long end)
    {
        if (end - start > _longTurnTicks && _longTurns.Enabled)
        {
            _longTurns.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }

    /// <summary>Counts a client's call accepted by this silo's gateway (its grain may run on another silo).</summary>
    public void GatewayCall(string grainType, string grainMethod)
    {
        if (_gatewayCalls.Enabled)
        {
            _gatewayCalls.Add(1, new TagList { { "grain.type", grainType }, { "grain.method", grainMethod } });
        }
    }

    /// <summary>Records one completed call; <paramref name="start"/> is what <see cref="Start"/> returned on its arrival.</summary>
    public void Record(string grainType, string grainMethod, Exception? error, long start)
    {
        if (!Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "grain.type", grainType },
            { "grain.method", grainMethod },
            { "outcome", GrainCallOutcome.Of(error) },
        };
        _calls.Add(1, tags);

        // A request that arrived before a listener attached has no start; its duration would be nonsense.
        if (start != 0 && _duration.Enabled)
        {
            _duration.Record(_time.GetElapsedTime(start).TotalSeconds, tags);
        }
    }
}
