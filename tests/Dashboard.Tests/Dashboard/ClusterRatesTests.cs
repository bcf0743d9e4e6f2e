using OrleansBank.Silo.Dashboard;

namespace OrleansBank.Dashboard.Tests.Dashboard;

public class ClusterRatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Methods_FirstReading_IsABaselineNotABurst()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);

        rates.Add(T0, [Silo("a", 1, calls: 1_000)]);

        var withdraw = Assert.Single(rates.Methods());
        Assert.Equal(0, withdraw.CallsPerSecond);
        Assert.Equal(1_000, withdraw.Calls);
        Assert.Null(withdraw.P99Ms);
    }

    [Fact]
    public void Methods_TwoSilosOverTwoSeconds_RatesSumOverTheCluster()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);
        rates.Add(T0, [Silo("a", 1, calls: 100), Silo("b", 1, calls: 0)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 1, calls: 150), Silo("b", 1, calls: 30, errors: 10)]);
        rates.Add(T0.AddSeconds(2), [Silo("a", 1, calls: 200), Silo("b", 1, calls: 60, errors: 10)]);

        var withdraw = Assert.Single(rates.Methods());

        Assert.Equal(2, rates.WindowSeconds);
        Assert.Equal((50 + 30 + 50 + 30) / 2.0, withdraw.CallsPerSecond);
        Assert.Equal(10 / 2.0, withdraw.ErrorsPerSecond);
        Assert.Equal(260, withdraw.Calls);
        Assert.Equal(10, withdraw.Errors);
        Assert.Equal(withdraw.CallsPerSecond, rates.Total().CallsPerSecond);
    }

    [Fact]
    public void Methods_OldTicks_LeaveTheWindow()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(3), 300);
        rates.Add(T0, [Silo("a", 1, calls: 0)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 1, calls: 1_000)]);
        for (var s = 2; s <= 5; s++)
        {
            rates.Add(T0.AddSeconds(s), [Silo("a", 1, calls: 1_000 + (10 * (s - 1)))]);
        }

        // The 1,000-call second is out of the 3 s window; only the 10-a-second ones remain.
        Assert.Equal(10, Assert.Single(rates.Methods()).CallsPerSecond);
    }

    [Fact]
    public void Methods_SiloRestartedAsNewGeneration_CountsFromItsNewBaseline()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);
        rates.Add(T0, [Silo("a", 1, calls: 5_000)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 2, calls: 40)]);
        rates.Add(T0.AddSeconds(2), [Silo("a", 2, calls: 60)]);

        Assert.Equal(20 / 2.0, Assert.Single(rates.Methods()).CallsPerSecond);
    }

    [Fact]
    public void Methods_SiloThatDidNotAnswer_AddsItsCallsWhenItAnswersAgain()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(10), 300);
        rates.Add(T0, [Silo("a", 1, calls: 0), Silo("b", 1, calls: 0)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 1, calls: 10)]);
        rates.Add(T0.AddSeconds(2), [Silo("a", 1, calls: 20), Silo("b", 1, calls: 40)]);

        Assert.Equal((20 + 40) / 2.0, Assert.Single(rates.Methods()).CallsPerSecond);
    }

    [Fact]
    public void Methods_Percentiles_AreOfTheCallsInTheWindowAcrossSilos()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);
        rates.Add(T0, [Silo("a", 1, calls: 0), Silo("b", 1, calls: 0)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 1, calls: 99, seconds: 0.002), Silo("b", 1, calls: 1, seconds: 0.5)]);

        var withdraw = Assert.Single(rates.Methods());

        Assert.InRange(withdraw.P50Ms!.Value, 2, 2 * 1.19);
        Assert.InRange(withdraw.P99Ms!.Value, 2, 2 * 1.19);
        Assert.InRange(rates.History()[^1].P99Ms!.Value, 2, 2 * 1.19);
    }

    [Fact]
    public void History_KeepsTheLastPointsOnly_OldestFirst()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 3);
        for (var s = 0; s < 6; s++)
        {
            rates.Add(T0.AddSeconds(s), [Silo("a", 1, calls: s * 7)]);
        }

        var history = rates.History();

        Assert.Equal(3, history.Count);
        Assert.Equal(T0.AddSeconds(5).ToUnixTimeMilliseconds(), history[^1].Time);
        Assert.All(history, p => Assert.Equal(7, p.CallsPerSecond));
    }

    [Fact]
    public void Storage_Commits_RatePerSecondAndEventsPerBatch()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);
        rates.Add(T0, [Silo("a", 1, calls: 0)]);
        rates.Add(T0.AddSeconds(1), [Silo("a", 1, calls: 0) with { Metrics = Metrics(0, 0, 0.001) with { CommitBatches = 4, CommittedEvents = 10, CommitDurations = Durations(4, 0.003) } }]);

        var storage = rates.Storage();

        Assert.Equal(4, storage.BatchesPerSecond);
        Assert.Equal(2.5, storage.EventsPerBatch);
        Assert.InRange(storage.P99Ms!.Value, 3, 3 * 1.19);
        Assert.Equal(4, storage.Batches);
    }

    [Fact]
    public void Keep_SiloGoneFromTheTable_NoLongerCountedInTotals()
    {
        var rates = new ClusterRates(TimeSpan.FromSeconds(5), 300);
        rates.Add(T0, [Silo("a", 1, calls: 10), Silo("b", 1, calls: 5)]);

        rates.Keep([("a", 1)]);

        Assert.Equal(10, Assert.Single(rates.Methods()).Calls);
    }

    private static SiloNumbers Silo(string address, long generation, long calls, long errors = 0, double seconds = 0.001) =>
        new(address, generation, 0, 0, 0, Metrics(calls, errors, seconds));

    private static SiloMetrics Metrics(long calls, long errors, double seconds) =>
        new([new MethodCounters("account", "Withdraw", calls, errors, Durations(calls, seconds))], 0, 0, [], 0, 0);

    private static long[] Durations(long calls, double seconds)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < calls; i++)
        {
            histogram.Record(seconds);
        }

        return histogram.ToCounts();
    }
}
