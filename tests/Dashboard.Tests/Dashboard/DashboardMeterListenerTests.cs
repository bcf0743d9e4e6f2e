using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Silo.Dashboard;

namespace OrleansBank.Dashboard.Tests.Dashboard;

/// <summary>
/// The listener hears every meter named "OrleansBank" in the process, so each test names a grain type of its own and
/// looks only at that one.
/// </summary>
public class DashboardMeterListenerTests
{
    [Fact]
    public void Read_CallsByOutcome_CountsCallsAndErrorsPerMethod()
    {
        var type = NewType();
        using var meter = new Meter(DashboardMeterListener.MeterName);
        var calls = meter.CreateCounter<long>("orleansbank.grain.calls");
        var duration = meter.CreateHistogram<double>("orleansbank.grain.call.duration", unit: "s");
        using var listener = new DashboardMeterListener();

        // As the runtime records each call: the counter and the duration with the same tags.
        foreach (var (method, outcome) in new[] { ("Deposit", "ok"), ("Deposit", "ok"), ("Deposit", "error"), ("Deposit", "timeout"), ("Balance", "ok") })
        {
            calls.Add(1, Tags(type, method, outcome));
            duration.Record(0.001, Tags(type, method, outcome));
        }

        var methods = listener.Read().Methods.Where(m => m.Type == type).ToList();
        Assert.Equal(["Balance", "Deposit"], methods.Select(m => m.Method));
        Assert.Equal((1, 0), (methods[0].Calls, methods[0].Errors));
        Assert.Equal((4, 2), (methods[1].Calls, methods[1].Errors));
    }

    [Fact]
    public void Listener_GrainCallCounter_IsNotListenedTo()
    {
        using var meter = new Meter(DashboardMeterListener.MeterName);
        var calls = meter.CreateCounter<long>("orleansbank.grain.calls");
        var duration = meter.CreateHistogram<double>("orleansbank.grain.call.duration", unit: "s");
        using var listener = new DashboardMeterListener();

        Assert.True(duration.Enabled, "calls, errors and durations are read from the duration histogram");
        Assert.False(calls.Enabled, "listening to the counter as well would cost every grain call a second lookup");
    }

    [Fact]
    public void Read_Durations_PerMethodHistogram()
    {
        var type = NewType();
        using var meter = new Meter(DashboardMeterListener.MeterName);
        var duration = meter.CreateHistogram<double>("orleansbank.grain.call.duration", unit: "s");
        var calls = meter.CreateCounter<long>("orleansbank.grain.calls");
        using var listener = new DashboardMeterListener();

        for (var i = 0; i < 10; i++)
        {
            calls.Add(1, Tags(type, "Withdraw", "ok"));
            duration.Record(0.004, Tags(type, "Withdraw", "ok"));
        }

        var withdraw = Assert.Single(listener.Read().Methods, m => m.Type == type);
        Assert.Equal(10, withdraw.Calls);
        var histogram = LatencyHistogram.FromCounts(withdraw.Durations);
        Assert.Equal(10, histogram.Count);
        Assert.InRange(histogram.Percentile(0.99)!.Value, 0.004, 0.004 * 1.19);
    }

    [Fact]
    public void Read_CallsFromManyThreadsAtOnce_AreCountedExactly()
    {
        const int Threads = 8;
        const int Each = 5_000;
        var type = NewType();
        using var meter = new Meter(DashboardMeterListener.MeterName);
        var duration = meter.CreateHistogram<double>("orleansbank.grain.call.duration", unit: "s");
        using var listener = new DashboardMeterListener();
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Each; i++)
            {
                duration.Record(0.001, Tags(type, "Deposit", i % 5 == 0 ? "error" : "ok"));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var deposit = Assert.Single(listener.Read().Methods, m => m.Type == type);
        Assert.Equal((Threads * Each, Threads * Each / 5), (deposit.Calls, deposit.Errors));
        Assert.Equal(Threads * Each, LatencyHistogram.FromCounts(deposit.Durations).Count);
    }

    [Fact]
    public void Read_MeterOfAnotherName_IsNotHeard()
    {
        var type = NewType();
        using var other = new Meter("NotOrleansBank");
        var calls = other.CreateHistogram<double>("orleansbank.grain.call.duration");
        using var listener = new DashboardMeterListener();

        calls.Record(0.001, Tags(type, "Deposit", "ok"));

        Assert.DoesNotContain(listener.Read().Methods, m => m.Type == type);
    }

    [Fact]
    public void Read_MeterOfAnotherHost_IsNotHeard()
    {
        var type = NewType();
        using var ours = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var ourCalls = ours.GetRequiredService<IMeterFactory>().Create(DashboardMeterListener.MeterName).CreateHistogram<double>("orleansbank.grain.call.duration");
        var theirCalls = theirs.GetRequiredService<IMeterFactory>().Create(DashboardMeterListener.MeterName).CreateHistogram<double>("orleansbank.grain.call.duration");
        using var listener = new DashboardMeterListener(ours.GetRequiredService<IMeterFactory>());

        ourCalls.Record(0.001, Tags(type, "Deposit", "ok"));
        for (var i = 0; i < 5; i++)
        {
            theirCalls.Record(0.001, Tags(type, "Deposit", "ok"));
        }

        Assert.Equal(1, Assert.Single(listener.Read().Methods, m => m.Type == type).Calls);
    }

    [Fact]
    public void Read_CommitsAndTransferGauges_AreReported()
    {
        var store = NewType();
        using var meter = new Meter(DashboardMeterListener.MeterName);
        var batchSize = meter.CreateHistogram<long>("orleansbank.storage.commit.batch_size");
        var commitDuration = meter.CreateHistogram<double>("orleansbank.storage.commit.duration", unit: "s");
        meter.CreateObservableGauge("orleansbank.transfers.pending", () => 3L);
        meter.CreateObservableGauge("orleansbank.transfers.oldest_pending.age", () => 2.5, unit: "s");
        using var listener = new DashboardMeterListener();
        var before = listener.Read();

        batchSize.Record(4, new KeyValuePair<string, object?>("store", store));
        batchSize.Record(6, new KeyValuePair<string, object?>("store", store));
        commitDuration.Record(0.01, new KeyValuePair<string, object?>("store", store));

        var after = listener.Read();
        Assert.Equal(2, after.CommitBatches - before.CommitBatches);
        Assert.Equal(10, after.CommittedEvents - before.CommittedEvents);
        Assert.True(LatencyHistogram.FromCounts(after.CommitDurations).Since(LatencyHistogram.FromCounts(before.CommitDurations)).Count == 1);
        // Other tests' meters may report too: these gauges add up (pending) and take the oldest (age).
        Assert.True(after.TransfersPending >= 3);
        Assert.True(after.OldestPendingSeconds >= 2.5);
    }

    private static string NewType() => $"test-{Guid.NewGuid():N}";

    private static KeyValuePair<string, object?>[] Tags(string type, string method, string outcome) =>
        [new("grain.type", type), new("grain.method", method), new("outcome", outcome)];
}
