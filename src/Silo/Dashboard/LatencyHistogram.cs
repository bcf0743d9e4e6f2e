namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// Call durations counted in buckets that grow by a quarter octave (about 19 %) from 10 µs to over 100 s, so any
/// percentile is read back within one bucket's width, and histograms from several silos add up bucket by bucket.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>How many buckets there are; the last one also takes everything above its lower bound.</summary>
    public const int BucketCount = 96;

    /// <summary>The upper bound of the first bucket, in seconds.</summary>
    public const double FirstBound = 10e-6;

    private const double StepsPerOctave = 4;

    private readonly long[] _counts;

    public LatencyHistogram() => _counts = new long[BucketCount];

    private LatencyHistogram(long[] counts) => _counts = counts;

    /// <summary>The number of durations counted.</summary>
    public long Count => _counts.Sum();

    /// <summary>The bucket of a duration in seconds: the first whose upper bound is at least the duration.</summary>
    public static int BucketOf(double seconds)
    {
        if (!(seconds > FirstBound))
        {
            return 0; // also NaN and negatives: a clock that went back is not a reason to lose the call
        }

        var index = (int)Math.Ceiling(Math.Log2(seconds / FirstBound) * StepsPerOctave - 1e-9);
        return Math.Min(index, BucketCount - 1);
    }

    /// <summary>The upper bound of bucket <paramref name="index"/>, in seconds.</summary>
    public static double UpperBound(int index) => FirstBound * Math.Pow(2, index / StepsPerOctave);

    /// <summary>A histogram over the given counts (bucket i at index i); missing trailing buckets are zero.</summary>
    public static LatencyHistogram FromCounts(IReadOnlyList<long> counts)
    {
        var copy = new long[BucketCount];
        for (var i = 0; i < Math.Min(counts.Count, BucketCount); i++)
        {
            copy[i] = counts[i];
        }

        return new LatencyHistogram(copy);
    }

    public void Record(double seconds) => Interlocked.Increment(ref _counts[BucketOf(seconds)]);

    /// <summary>Adds every bucket of <paramref name="other"/> to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>
    /// The counts of this histogram minus an earlier reading of the same one; a bucket never goes below zero, so a
    /// silo that restarted (its counters back at zero) adds its new counts instead of taking from the others.
    /// </summary>
    public LatencyHistogram Since(LatencyHistogram? earlier)
    {
        var delta = new long[BucketCount];
        for (var i = 0; i < BucketCount; i++)
        {
            delta[i] = Math.Max(0, Interlocked.Read(ref _counts[i]) - (earlier?._counts[i] ?? 0));
        }

        return new LatencyHistogram(delta);
    }

    /// <summary>
    /// The duration in seconds that <paramref name="fraction"/> (0.5 for p50, 0.99 for p99) of the counted calls did
    /// not exceed, as the upper bound of its bucket; null when nothing was counted.
    /// </summary>
    public double? Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(BucketCount - 1);
    }

    /// <summary>The counts, bucket i at index i, without the trailing empty buckets (what silo.json carries).</summary>
    public long[] ToCounts()
    {
        var snapshot = new long[BucketCount];
        for (var i = 0; i < BucketCount; i++)
        {
            snapshot[i] = Interlocked.Read(ref _counts[i]);
        }

        var last = Array.FindLastIndex(snapshot, c => c != 0);
        return snapshot[..(last + 1)];
    }
}
