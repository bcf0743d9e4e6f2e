namespace OrleansBank.Silo.Metrics;

/// <summary>
/// The running value of one series: a sum (counters), the last observation (observable instruments), or bucket counts
/// with a sum (histograms). Measurements arrive from every core at once, so each core adds to a stripe of its own,
/// cache lines apart: two cores recording the same series (every call of one grain method) do not pass one line back
/// and forth on each call. Readers add the stripes up.
/// </summary>
internal sealed class SeriesCell
{
    /// <summary>Stripes per cell that takes measurements: the cores, rounded up to a power of two, at most 8.</summary>
    internal static readonly int CoreStripes = (int)Math.Min(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    // 8 longs: one 64-byte cache line between stripes, and before the first (the array's header is read by every core).
    private const int Gap = 8;

    private readonly double[]? _bounds;
    private readonly long[] _slots;
    private readonly int _sumSlot;
    private readonly int _stride;
    private readonly int _stripeMask;

    /// <param name="bounds">A histogram's bucket bounds; null for a single value.</param>
    /// <param name="stripes">A power of two: <see cref="CoreStripes"/> for a cell on the measurement path, 1 for one only written once.</param>
    public SeriesCell(IReadOnlyList<double>? bounds, int stripes = 1)
    {
        _bounds = bounds?.ToArray();
        // Per stripe: one count per bucket (the last for values above every bound), then the sum's bits.
        _sumSlot = bounds is null ? 0 : bounds.Count + 1;
        var length = _sumSlot + 1;
        _stride = ((length + Gap - 1) / Gap * Gap) + Gap;
        _stripeMask = stripes - 1;
        _slots = new long[Gap + (stripes * _stride)];
    }

    /// <summary>The sum (counters, histograms) or the last observation (observable instruments).</summary>
    public double Value
    {
        get
        {
            var sum = 0.0;
            for (var stripe = 0; stripe <= _stripeMask; stripe++)
            {
                sum += BitConverter.Int64BitsToDouble(Volatile.Read(ref _slots[Gap + (stripe * _stride) + _sumSlot]));
            }

            return sum;
        }
    }

    /// <summary>How many values a histogram's cell observed: its buckets added up.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (var i = 0; i <= _bounds!.Length; i++)
            {
                count += BucketCount(i);
            }

            return count;
        }
    }

    /// <summary>The count of each bucket alone (not cumulative), the last one for values above every bound.</summary>
    public long BucketCount(int index)
    {
        long count = 0;
        for (var stripe = 0; stripe <= _stripeMask; stripe++)
        {
            count += Interlocked.Read(ref _slots[Gap + (stripe * _stride) + index]);
        }

        return count;
    }

    public void Add(double value) => AddToSum(Mine(), value);

    /// <summary>The last observation; only the scrape sets it, and an observed cell takes no <see cref="Add"/>.</summary>
    public void Set(double value) => Volatile.Write(ref _slots[Gap + _sumSlot], BitConverter.DoubleToInt64Bits(value));

    public void Observe(double value)
    {
        var stripe = Mine();
        Interlocked.Increment(ref _slots[stripe + BucketOf(value)]);
        AddToSum(stripe, value);
    }

    /// <summary>The first slot of the stripe of the core this thread runs on now (any stripe is correct, this one is cheap).</summary>
    private int Mine() => Gap + ((Thread.GetCurrentProcessorId() & _stripeMask) * _stride);

    private void AddToSum(int stripe, double value)
    {
        ref var slot = ref _slots[stripe + _sumSlot];
        long seen, next;
        do
        {
            seen = Volatile.Read(ref slot);
            next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
        }
        while (Interlocked.CompareExchange(ref slot, next, seen) != seen);
    }

    private int BucketOf(double value)
    {
        // Prometheus buckets are "less than or equal": a value on a bound belongs to that bound's bucket.
        var lo = 0;
        var hi = _bounds!.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value <= _bounds[mid])
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
