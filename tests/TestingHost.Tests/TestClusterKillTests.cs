using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

/// <summary>What a killed silo may still do in the test process: nothing of its own accord.</summary>
public class TestClusterKillTests
{
    [Fact]
    public async Task KillSiloAsync_GrainWithATimer_TheTimerStopsWhileTheSurvivorsTimersTick()
    {
        var probe = new Probe();
        var time = new ManualTimeProvider();
        await using var cluster = await ManySilos.Builder(3, probe).UseTimeProvider(time).Build().DeployAsyncAndReturn();
        var victim = cluster.SecondarySilos[0];
        // Shorter than every membership interval (probes every second, a probe's timeout a second), so the four
        // advances fire no membership timer. With 10-minute advances each one also timed out the probes still in
        // flight from the last, and on a loaded machine a live silo could be voted dead, the survivor's with it.
        var period = TimeSpan.FromMilliseconds(100);
        var doomed = victim.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ITickingGrain>("victim");
        var survivor = cluster.Primary.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ITickingGrain>("survivor");
        await doomed.Start(period);
        await survivor.Start(period);
        time.Advance(period);
        await probe.WaitFor("tick:victim");
        await probe.WaitFor("tick:survivor");
        Assert.Equal((1, 1), (await doomed.Ticks(), await survivor.Ticks()));

        await cluster.KillSiloAsync(victim);
        for (var tick = 2; tick <= 4; tick++)
        {
            time.Advance(period);
            await Poll.UntilAsync(() => probe.Log.Count(e => e == "tick:survivor") == tick, $"the survivor's tick {tick}");
            Assert.Equal(tick, await survivor.Ticks());
        }

        Assert.Single(probe.Log, e => e == "tick:victim");
    }
}
