using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class ActivationCollectorTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task CollectNow_WithActivationsNotYetIdle_InspectsNoneOfThem()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        for (var i = 0; i < 50; i++)
        {
            await silo.Grains.GetGrain<ILifecycleGrain>($"busy-{i}").Touch();
        }

        var collector = CollectorOf(silo);
        for (var minute = 1; minute <= 9; minute++)
        {
            time.Advance(Minute);
            Assert.Equal(0, collector.LastSweepInspected);
        }

        Assert.Equal(0, collector.CollectNow());
        Assert.Equal(0, collector.LastSweepInspected);
        Assert.Equal(50, silo.Cluster.ActivationCount);
    }

    [Fact]
    public async Task CollectNow_WithNothingDue_AllocatesNothing()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        for (var i = 0; i < 50; i++)
        {
            await silo.Grains.GetGrain<ILifecycleGrain>($"quiet-{i}").Touch();
        }

        var collector = CollectorOf(silo);
        collector.CollectNow();
        var before = GC.GetAllocatedBytesForCurrentThread();
        collector.CollectNow();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task IdleActivation_PastItsDeadline_IsCollectedAtTheFirstSweepAfterItAndNotBefore()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("late");
        time.Advance(TimeSpan.FromSeconds(30));
        await grain.Touch();
        var activation = ActivationOf(silo, grain);

        // Idle since 0:30, so due at 10:30: the sweeps up to 10:00 keep it, the one at 11:00 takes it.
        for (var minute = 1; minute <= 10; minute++)
        {
            time.Advance(minute == 1 ? TimeSpan.FromSeconds(30) : Minute);
            Assert.True(activation.RunsTicks, $"collected by the sweep at minute {minute}, before its deadline");
        }

        time.Advance(Minute);
        Assert.False(activation.RunsTicks, "not collected by the first sweep after its deadline");
        await silo.Gates.WaitFor("deactivated:late");
        Assert.Equal(["activate:late", "deactivate:late:ActivationIdle"], silo.Gates.Log);
    }

    [Fact]
    public async Task IdleActivation_CalledAgainBeforeItsDeadline_IsCollectedAtItsNewDeadline()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("moved");
        await grain.Touch();
        var activation = ActivationOf(silo, grain);
        var collector = CollectorOf(silo);
        time.Advance(TimeSpan.FromMinutes(5));
        await grain.Touch();

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, collector.LastSweepInspected);
        Assert.True(activation.RunsTicks, "collected at its first deadline although it was called since");
        for (var minute = 11; minute <= 14; minute++)
        {
            time.Advance(Minute);
            Assert.Equal(0, collector.LastSweepInspected);
        }

        Assert.True(activation.RunsTicks, "collected before its new deadline");
        time.Advance(Minute);
        Assert.False(activation.RunsTicks, "not collected at its new deadline");
        await silo.Gates.WaitFor("deactivated:moved");
    }

    [Fact]
    public async Task IdleActivation_WithARequestRunningPastItsAge_IsCollectedOnlyAnAgeAfterTheRequestEnds()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<IRecorderGrain>("long");
        var held = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var activation = ActivationOf(silo, grain);

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(activation.RunsTicks, "collected with a request running");
        silo.Gates.Raise("release:a");
        await held;

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(activation.RunsTicks, "collected less than its age after its request ended");
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(activation.RunsTicks, "not collected its age after its request ended");
    }

    [Fact]
    public async Task Sweep_AfterAnActivationLeftOnItsOwn_NoLongerSeesIt()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("left");
        await grain.Touch();
        await grain.DeactivateWhenDone();
        await silo.Gates.WaitFor("deactivated:left");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the deactivated activation to leave the catalog");

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, CollectorOf(silo).LastSweepInspected);
    }

    // Calls may wait longer than the clock jumps, so a request held past the collection age still gets its answer.
    private static Task<TestSilo> StartWithAge(ManualTimeProvider time) => TestSilo.StartAsync(time, s => s
        .Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CollectionQuantum = Minute;
        })
        .Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1)));

    private static ActivationCollector CollectorOf(TestSilo silo) => silo.Cluster.ServiceProvider.GetRequiredService<ActivationCollector>();

    private static ActivationData ActivationOf(TestSilo silo, IAddressable grain) =>
        silo.Cluster.ServiceProvider.GetRequiredService<Catalog>().TryGet(grain.GetGrainId(), out var activation)
            ? activation!
            : throw new InvalidOperationException($"{grain.GetGrainId()} has no activation.");
}
