using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class CollectionTests
{
    private static Task<TestSilo> StartWithAge(ManualTimeProvider time) => TestSilo.StartAsync(time, s => s.Configure<GrainCollectionOptions>(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
    }));

    [Fact]
    public async Task IdleActivation_YoungerThanCollectionAge_IsKept()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("young");
        await grain.Touch();

        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(2, await grain.Touch());
        Assert.Equal(["activate:young"], silo.Gates.Log);
    }

    [Fact]
    public async Task IdleActivation_OlderThanCollectionAge_IsDeactivatedAndReactivatedOnNextCall()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithAge(time);
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("old");
        Assert.Equal(1, await grain.Touch());

        time.Advance(TimeSpan.FromMinutes(11));
        await silo.Gates.WaitFor("deactivated:old");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the collected activation to leave the catalog");

        Assert.Equal(1, await grain.Touch());
        Assert.Equal(["activate:old", "deactivate:old:ActivationIdle", "activate:old"], silo.Gates.Log);
    }

    [Fact]
    public async Task DeactivateOnIdle_AfterTheRequest_DeactivatesAndNextCallGetsAFreshActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("asked");
        await grain.Touch();

        await grain.DeactivateWhenDone();
        await silo.Gates.WaitFor("deactivated:asked");

        Assert.Equal(1, await grain.Touch());
        Assert.Equal(["activate:asked", "deactivate:asked:ApplicationRequested", "activate:asked"], silo.Gates.Log);
    }

    [Fact]
    public async Task SiloStop_WithARequestInFlight_LetsItFinishThenDeactivates()
    {
        var silo = await TestSilo.StartAsync();
        var recorder = silo.Grains.GetGrain<IRecorderGrain>("inflight");
        var lifecycle = silo.Grains.GetGrain<ILifecycleGrain>("stopping");
        await lifecycle.Touch();
        var inFlight = recorder.Hold("a");
        await silo.Gates.WaitFor("entered:a");

        var stopping = silo.Cluster.StopAllSilosAsync();
        await silo.Gates.WaitFor("deactivated:stopping");
        Assert.False(stopping.IsCompleted, "the silo must wait for the request in flight");
        silo.Gates.Raise("release:a");
        await inFlight;
        await stopping;

        Assert.Contains("deactivate:stopping:ShuttingDown", silo.Gates.Log);
        Assert.Contains("exit:a", silo.Gates.Log);
        await silo.DisposeAsync();
    }
}
