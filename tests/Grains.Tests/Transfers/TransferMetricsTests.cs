using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>The transfer instruments: decisions by status, transfers in flight on the silo and the oldest one's age.</summary>
public sealed class TransferMetricsTests
{
    [Fact]
    public async Task Transfer_OnePostedOneDeclined_CountsOneOfEachStatus()
    {
        await using var bank = await BankCluster.StartAsync();
        using var recorder = new Recorder(bank.Cluster.ServiceProvider);
        await bank.OpenAsync(50m, "metrics-ann");
        await bank.OpenAsync(0m, "metrics-bob");

        var posted = await bank.Grains.GetGrain<ITransferGrain>("t-posted").Transfer("metrics-ann", "metrics-bob", 20m);
        var declined = await bank.Grains.GetGrain<ITransferGrain>("t-declined").Transfer("metrics-ann", "metrics-bob", 100m);

        Assert.Equal((TransferStatus.Posted, TransferStatus.Declined), (posted.Status, declined.Status));
        Assert.Equal(1, recorder.Sum("orleansbank.transfers", "posted"));
        Assert.Equal(1, recorder.Sum("orleansbank.transfers", "declined"));
        recorder.Collect();
        Assert.Equal(0, recorder.Last("orleansbank.transfers.pending"));
        Assert.Equal(0, recorder.Last("orleansbank.transfers.oldest_pending.age"));
    }

    [Fact]
    public async Task Collect_TransferHeldAfterItsRequestForFiveSeconds_ShowsOnePendingFiveSecondsOld()
    {
        var time = new ManualTimeProvider();
        var probe = new TestTransferProbe { HoldFirstAt = TransferPoint.Requested };
        await using var bank = await BankCluster.StartAsync(transferProbe: probe, time: time);
        using var recorder = new Recorder(bank.Cluster.ServiceProvider);
        await bank.OpenAsync(50m, "held-ann");
        await bank.OpenAsync(0m, "held-bob");

        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-held").Transfer("held-ann", "held-bob", 20m);
        await probe.Held;
        time.Advance(TimeSpan.FromSeconds(5));
        recorder.Collect();
        var (pending, age) = (recorder.Last("orleansbank.transfers.pending"), recorder.Last("orleansbank.transfers.oldest_pending.age"));
        probe.Release();
        await transfer;
        recorder.Collect();

        Assert.Equal((1, 5), (pending, age));
        Assert.Equal((0, 0), (recorder.Last("orleansbank.transfers.pending"), recorder.Last("orleansbank.transfers.oldest_pending.age")));
    }

    /// <summary>Listens to one silo's OrleansBank meter (its meter factory is the scope), keeping every measurement.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, string? Status)> _measurements = new();

        public Recorder(IServiceProvider silo)
        {
            var scope = silo.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "OrleansBank" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public void Collect() => _listener.RecordObservableInstruments();

        public double Sum(string name, string status) => _measurements.Where(m => m.Name == name && m.Status == status).Sum(m => m.Value);

        public double Last(string name) => _measurements.Last(m => m.Name == name).Value;

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? status = null;
            foreach (var tag in tags)
            {
                status = tag.Key == "status" ? tag.Value as string : status;
            }

            _measurements.Enqueue((instrument.Name, value, status));
        }
    }
}
