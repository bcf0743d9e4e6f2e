using Microsoft.Extensions.DependencyInjection;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>
/// The reminder service on an in-process silo with a manual clock: each Advance fires the poll timer once, and each
/// test waits for the tick's completion (the reminder's next due time moving) before it moves the clock again.
/// </summary>
public sealed class ReminderServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();
    private readonly ReminderTickLog _log = new();
    private TestSilo _silo = null!;

    private DateTimeOffset Start { get; set; }

    public async Task InitializeAsync()
    {
        Start = _time.GetUtcNow();
        _silo = await TestSilo.StartAsync(_time, silo => silo
            .AddMemoryReminderTable()
            .AddReminderService(o =>
            {
                o.PollInterval = TimeSpan.FromSeconds(1);
                o.LeaseDuration = Lease;
            })
            .ConfigureServices(s => s.AddSingleton(_log)));
    }

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    private IReminderTestGrain Grain(string key) => _silo.Grains.GetGrain<IReminderTestGrain>(key);

    private Task NextDueIsAsync(IReminderTestGrain grain, DateTimeOffset due) => Poll.UntilAsync(
        async () => (await grain.Reminders()).SingleOrDefault()?.NextDue == due,
        $"the reminder's tick to complete, moving its next due time to {due:O}");

    [Fact]
    public async Task RegisterOrUpdateReminder_FromAGrain_EachTickIsDeliveredOnceWithItsIdAndCompleted()
    {
        var grain = Grain("order-1");
        var registered = await grain.Register("pay", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.Equal(Start.AddSeconds(5), registered.NextDue);

        _time.Advance(TimeSpan.FromSeconds(5));
        await NextDueIsAsync(grain, Start.AddSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(10));
        await NextDueIsAsync(grain, Start.AddSeconds(25));

        Assert.Equal(
            [TickStatus.FormatTickId("pay", Start.AddSeconds(5)), TickStatus.FormatTickId("pay", Start.AddSeconds(15))],
            _log.Received.Select(r => r.Status.TickId));
        Assert.All(_log.Received, r =>
        {
            Assert.Equal(("order-1", "pay"), (r.Grain, r.Name));
            Assert.Equal(Start.AddSeconds(5), r.Status.FirstTickTime);
            Assert.Equal(TimeSpan.FromSeconds(10), r.Status.Period);
        });
    }

    [Fact]
    public async Task Tick_GrainThrows_DeliveredAgainAfterTheLeaseWithTheSameIdAndMissedTicksSkipped()
    {
        var grain = Grain("order-2");
        await grain.Register("pay", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        _log.FailNext(1);

        _time.Advance(TimeSpan.FromSeconds(5));
        await Poll.UntilAsync(() => _log.Received.Count == 1, "the first, failing delivery");
        _time.Advance(Lease);
        await NextDueIsAsync(grain, Start.AddSeconds(45));

        var tickId = TickStatus.FormatTickId("pay", Start.AddSeconds(5));
        Assert.Equal([tickId, tickId], _log.Received.Select(r => r.Status.TickId));
    }

    [Fact]
    public async Task Tick_GrainDeactivated_ActivatesItAndIsDelivered()
    {
        var grain = Grain("order-5");
        await grain.Register("pay", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        var gone = await grain.Deactivate();

        _time.Advance(TimeSpan.FromSeconds(5));
        await NextDueIsAsync(grain, Start.AddSeconds(15));

        Assert.Equal(TickStatus.FormatTickId("pay", Start.AddSeconds(5)), Assert.Single(_log.Received).Status.TickId);
        Assert.NotEqual(gone, Assert.Single(_log.Instances));
    }

    [Fact]
    public async Task Tick_TwoRemindableGrainClasses_EachReceivesItsOwn()
    {
        await Grain("order-6").Register("pay", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        await _silo.Grains.GetGrain<ISecondReminderTestGrain>("other").Register("pay", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(5));
        await Poll.UntilAsync(() => _log.Received.Count == 2, "a tick to each of the two grains");

        Assert.Equal(["order-6", "secondremindertest/other"], _log.Received.Select(r => r.Grain).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnregisterReminder_FromAGrain_RemovesItOnce()
    {
        var grain = Grain("order-3");
        await grain.Register("pay", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Assert.True(await grain.Unregister("pay"));

        Assert.Empty(await grain.Reminders());
        Assert.False(await grain.Unregister("pay"));
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_PeriodUnderOneSecond_TheCallerIsToldTheRule()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Grain("order-4").Register("pay", TimeSpan.Zero, TimeSpan.FromMilliseconds(500)));

        Assert.Contains("at least 1 second", error.Message, StringComparison.Ordinal);
    }
}
