using OrleansBank.Silo.Metrics;

namespace OrleansBank.Silo.Tests.Metrics;

/// <summary>A cell's stripes add up to exactly what every thread recorded, whichever cores the threads ran on.</summary>
public sealed class SeriesCellTests
{
    [Fact]
    public void Observe_FromManyThreadsAtOnce_BucketsCountAndSumAreExact()
    {
        const int Threads = 8;
        const int Each = 20_000;
        var cell = new SeriesCell([1.0], stripes: 8);
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Each; i++)
            {
                cell.Observe(i % 2 == 0 ? 0.5 : 2); // exact in binary: the sum has no rounding to hide a lost update
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Threads * Each / 2, cell.BucketCount(0));
        Assert.Equal(Threads * Each / 2, cell.BucketCount(1));
        Assert.Equal(Threads * Each, cell.Count);
        Assert.Equal(Threads * Each / 2 * 2.5, cell.Value);
    }

    [Fact]
    public void Add_FromManyThreadsAtOnce_SumIsExact()
    {
        const int Threads = 8;
        const int Each = 20_000;
        var cell = new SeriesCell(null, stripes: SeriesCell.CoreStripes);
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Each; i++)
            {
                cell.Add(1);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Threads * Each, cell.Value);
    }

    [Fact]
    public void Set_LastObservation_ReplacesTheValue()
    {
        var cell = new SeriesCell(null);

        cell.Set(3);
        cell.Set(1.5);

        Assert.Equal(1.5, cell.Value);
    }
}
