using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Core.Metrics;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The reminder service counts each tick it delivers and how late it was.</summary>
public sealed class ReminderMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Poll_TickDueAndClaimedASecondLate_CountsOneTickWithOneSecondLateness()
    {
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var recorder = new MeasurementRecorder(meters);
        var time = new ManualTimeProvider();
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new ReminderService(
            new MemoryReminderTable(new MemoryClusterStore(), "test"),
            new SignallingDelivery(delivered),
            new Here(),
            time,
            Options.Create(new ReminderOptions { PollInterval = TimeSpan.FromSeconds(3) }),
            NullLogger<ReminderService>.Instance,
            new ReminderMetrics(meters));
        await service.StartAsync(CancellationToken.None);
        await service.RegisterOrUpdateReminder(new GrainId("order", "1"), "pay", TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10));

        time.Advance(TimeSpan.FromSeconds(3)); // the poll at 3 s claims the tick due at 2 s
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);
        await service.DisposeAsync();

        Assert.Equal(1, recorder.Sum("orleansbank.reminders.ticks"));
        Assert.Equal([1.0], recorder.Values("orleansbank.reminders.lateness"));
    }

    private sealed class Here : ILocalSiloDetails
    {
        public SiloAddress SiloAddress { get; } = new("127.0.0.1", 11111, 1);
    }

    private sealed class SignallingDelivery(TaskCompletionSource delivered) : IReminderDelivery
    {
        public Task DeliverAsync(GrainId grainId, string reminderName, TickStatus status)
        {
            delivered.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
