namespace OrleansBank.Silo.Metrics;

/// <summary>
/// The running value of one series: a sum (counters), the last observation (observable instruments), or bucket counts
/// with a sum and count (histograms). Updated with interlocked operations: measurements arrive from every thread.
/// </summary>
internal sealed class SeriesCell(IReadOnlyList<double>? bounds)
{
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Count + 1];
    private double _value;

    public double Value => Volatile.Read(ref _value);

    /// <summary>How many values a histogram's cell observed: its buckets added up.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (var i = 0; i < _buckets!.Length; i++)
            {
                count += Interlocked.Read(ref _buckets[i]);
            }

            return count;
        }
    }

    /// <summary>The count of each bucket alone (not cumulative), the last one for values above every bound.</summary>
    public long BucketCount(int index) => Interlocked.Read(ref _buckets![index]);

    public void Add(double value)
    {
        double seen, next;
        do
        {
            seen = Volatile.Read(ref _value);
            next = seen + value;
        }
        while (Interlocked.CompareExchange(ref _value, next, seen) != seen);
    }

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Observe(double value)
    {
        Interlocked.Increment(ref _buckets![BucketOf(value)]);
        Add(value);
    }

    private int BucketOf(double value)
    {
        // Prometheus buckets are "less than or equal": a value on a bound belongs to that bound's bucket.
        var lo = 0;
        var hi = bounds!.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value <= bounds[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
