using OrleansBank.Silo.Dashboard;

namespace OrleansBank.Dashboard.Tests.Dashboard;

public class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(-1.0, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(10e-6, 0)]
    [InlineData(1000.0, LatencyHistogram.BucketCount - 1)]
    public void BucketOf_EdgeValues_LandInTheFirstOrLastBucket(double seconds, int expected) =>
        Assert.Equal(expected, LatencyHistogram.BucketOf(seconds));

    [Theory]
    [InlineData(0.00002)]
    [InlineData(0.001)]
    [InlineData(0.0137)]
    [InlineData(2.5)]
    public void BucketOf_AnyDuration_IsWithinItsBucketsBounds(double seconds)
    {
        var bucket = LatencyHistogram.BucketOf(seconds);

        Assert.InRange(seconds, LatencyHistogram.UpperBound(bucket - 1), LatencyHistogram.UpperBound(bucket));
    }

    [Fact]
    public void Percentile_OneToHundredMilliseconds_P50AndP99WithinOneBucketAbove()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.Record(ms / 1000.0);
        }

        // A bucket is 2^(1/4) wide: the answer is the true value's bucket's upper bound, at most 19 % above it.
        Assert.InRange(histogram.Percentile(0.5)!.Value, 0.050, 0.050 * 1.19);
        Assert.InRange(histogram.Percentile(0.99)!.Value, 0.099, 0.099 * 1.19);
        Assert.InRange(histogram.Percentile(1.0)!.Value, 0.100, 0.100 * 1.19);
        Assert.Equal(100, histogram.Count);
    }

    [Fact]
    public void Percentile_FewSlowCalls_P99SeesTheSlowOnesAndP50DoesNot()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 98; i++)
        {
            histogram.Record(0.002);
        }

        histogram.Record(1.5);
        histogram.Record(1.5);

        Assert.True(histogram.Percentile(0.5) < 0.003);
        Assert.True(histogram.Percentile(0.99) >= 1.5);
    }

    [Fact]
    public void Percentile_NothingRecorded_IsNull() => Assert.Null(new LatencyHistogram().Percentile(0.99));

    [Fact]
    public void Since_AnEarlierReading_IsOnlyWhatCameAfter()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0.001);
        var earlier = LatencyHistogram.FromCounts(histogram.ToCounts());
        histogram.Record(0.2);
        histogram.Record(0.2);

        var delta = histogram.Since(earlier);

        Assert.Equal(2, delta.Count);
        Assert.True(delta.Percentile(0.01) >= 0.2);
    }

    [Fact]
    public void Since_AReadingWithMore_NeverGoesBelowZero()
    {
        var more = new LatencyHistogram();
        more.Record(0.001);
        more.Record(0.001);
        var fewer = new LatencyHistogram();
        fewer.Record(0.001);

        Assert.Equal(0, fewer.Since(more).Count);
    }

    [Fact]
    public void ToCounts_RoundTripsThroughFromCounts_WithoutTrailingEmptyBuckets()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0.0005);
        histogram.Record(0.0005);

        var counts = histogram.ToCounts();

        Assert.Equal(LatencyHistogram.BucketOf(0.0005) + 1, counts.Length);
        Assert.Equal(2, counts[^1]);
        Assert.Equal(histogram.Percentile(0.5), LatencyHistogram.FromCounts(counts).Percentile(0.5));
    }

    [Fact]
    public void Add_TwoSilos_PercentileOfTheSum()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 50; i++)
        {
            fast.Record(0.001);
            slow.Record(0.1);
        }

        fast.Add(slow);

        Assert.Equal(100, fast.Count);
        Assert.True(fast.Percentile(0.5) < 0.002);
        Assert.True(fast.Percentile(0.51) >= 0.1);
    }
}
