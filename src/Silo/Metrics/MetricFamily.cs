using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansBank.Silo.Metrics;

/// <summary>One instrument's series, by tags, and how it is named and typed in the exposition.</summary>
internal sealed class MetricFamily
{
    /// <summary>Bounds for a histogram that gives no advice: powers of ten from a microsecond-ish value up.</summary>
    internal static readonly IReadOnlyList<double> DefaultBounds = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 50, 100, 500, 1000, 5000];

    private readonly ConcurrentDictionary<SeriesKey, SeriesCell> _series = new();

    public MetricFamily(Instrument instrument)
    {
        Kind = KindOf(instrument);
        Name = PrometheusText.MetricName(instrument.Name, instrument.Unit, Kind is MetricKind.Counter or MetricKind.ObservedCounter);
        Help = instrument.Description ?? instrument.Name;
        Bounds = Kind == MetricKind.Histogram ? BoundsOf(instrument) : null;
    }

    private MetricFamily(MetricFamily like)
    {
        Kind = like.Kind;
        Name = like.Name;
        Help = like.Help;
        Bounds = like.Bounds;
    }

    public MetricKind Kind { get; }

    /// <summary>The family's Prometheus name, with its unit and (for a counter) _total suffix.</summary>
    public string Name { get; }

    public string Help { get; }

    /// <summary>The histogram's bucket upper bounds, ascending, without +Inf; null for other kinds.</summary>
    public IReadOnlyList<double>? Bounds { get; }

    public bool IsObservable => Kind is MetricKind.ObservedCounter or MetricKind.ObservedGauge;

    public IEnumerable<KeyValuePair<SeriesKey, SeriesCell>> Series => _series;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Observations replace each other, so one series must never be split in two: those hash by content.
        var cell = _series.GetOrAdd(
            SeriesKey.From(tags, byIdentity: !IsObservable),
            static (_, family) => new SeriesCell(family.Bounds, family.IsObservable ? 1 : SeriesCell.CoreStripes),
            this);
        switch (Kind)
        {
            case MetricKind.Histogram:
                cell.Observe(value);
                break;
            case MetricKind.ObservedCounter or MetricKind.ObservedGauge:
                cell.Set(value);
                break;
            default:
                cell.Add(value);
                break;
        }
    }

    /// <summary>This family (a counter) with one series per series of <paramref name="histogram"/>, valued at its count.</summary>
    public MetricFamily WithCountsOf(MetricFamily histogram)
    {
        var counts = new MetricFamily(this);
        foreach (var (key, cell) in histogram._series)
        {
            var count = new SeriesCell(null);
            count.Set(cell.Count);
            counts._series[key] = count;
        }

        return counts;
    }

    /// <summary>Forgets the last observations before a scrape reads them again, so a series no longer observed goes.</summary>
    public void ClearObservations()
    {
        if (IsObservable)
        {
            _series.Clear();
        }
    }

    private static MetricKind KindOf(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        return definition switch
        {
            _ when definition == typeof(Counter<>) => MetricKind.Counter,
            _ when definition == typeof(UpDownCounter<>) => MetricKind.SummedGauge,
            _ when definition == typeof(Histogram<>) => MetricKind.Histogram,
            _ when definition == typeof(ObservableCounter<>) => MetricKind.ObservedCounter,
            _ => MetricKind.ObservedGauge,
        };
    }

    private static IReadOnlyList<double> BoundsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => bounds,
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        _ => DefaultBounds,
    };
}
