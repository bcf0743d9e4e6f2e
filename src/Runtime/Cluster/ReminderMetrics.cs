using System.Diagnostics.Metrics;

using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Reminder ticks this silo delivered, and how late each was against its due time.</summary>
internal sealed class ReminderMetrics
{
    private static readonly IReadOnlyList<double> LatenessBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600];

    private readonly Counter<long> _ticks;
    private readonly Histogram<double> _lateness;

    public ReminderMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OrleansBankMeter.Name);
        _ticks = meter.CreateCounter<long>("orleansbank.reminders.ticks", "{tick}", "Reminder ticks this silo delivered to grains.");
        _lateness = meter.CreateHistogram<double>(
            "orleansbank.reminders.lateness", "s", "How long after its due time a tick was delivered.", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
    }

    /// <summary>Records a tick delivered at <paramref name="now"/> that was due at <paramref name="due"/>.</summary>
    public void Tick(DateTimeOffset due, DateTimeOffset now)
    {
        _ticks.Add(1);
        if (_lateness.Enabled)
        {
            // A tick claimed a little early (the poll rounds) is not late: never negative.
            _lateness.Record(Math.Max(0, (now - due).TotalSeconds));
        }
    }
}
