using System.Diagnostics.Metrics;

namespace OrleansBank.Runtime.Metrics;

/// <summary>
/// Provider SPI: the storage instruments (group-commit batch size and duration, store errors), tagged with the kind of
/// store ("sqlite", "postgres", "memory"). A provider gets it from the silo's services; null means record nothing.
/// </summary>
public sealed class StorageMetrics
{
    private static readonly IReadOnlyList<long> BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
    private static readonly IReadOnlyList<double> DurationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly TimeProvider _time;

    /// <summary>Creates the instruments on the silo's "OrleansBank" meter.</summary>
    public StorageMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(OrleansBankMeter.Name);
        _batchSize = meter.CreateHistogram<long>(
            "orleansbank.storage.commit.batch_size", "{event}", "Events written by one commit (a group commit carries many appends).", null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
        _duration = meter.CreateHistogram<double>(
            "orleansbank.storage.commit.duration", "s", "Time one event-log commit took, from its start to the store's acknowledgement.", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _errors = meter.CreateCounter<long>("orleansbank.storage.errors", "{error}", "Store operations that failed with a database error.");
        _time = time;
    }

    /// <summary>The timestamp a commit's duration starts from; 0 while nothing listens.</summary>
    public long Start() => _duration.Enabled ? _time.GetTimestamp() : 0;

    /// <summary>Records one commit of <paramref name="events"/> events that began at <paramref name="start"/> (from <see cref="Start"/>).</summary>
    public void RecordCommit(string store, int events, long start)
    {
        var tag = new KeyValuePair<string, object?>("store", store);
        if (_batchSize.Enabled)
        {
            _batchSize.Record(events, tag);
        }

        if (start != 0 && _duration.Enabled)
        {
            _duration.Record(_time.GetElapsedTime(start).TotalSeconds, tag);
        }
    }

    /// <summary>Counts one failed store operation.</summary>
    public void RecordError(string store)
    {
        if (_errors.Enabled)
        {
            _errors.Add(1, new KeyValuePair<string, object?>("store", store));
        }
    }
}
