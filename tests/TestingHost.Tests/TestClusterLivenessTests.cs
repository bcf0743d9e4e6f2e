using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

public class TestClusterLivenessTests
{
    /// <summary>Generous: a 3-silo cluster deploys and disposes in well under a second; Orleans' once took 30 s to dispose (#6865).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CutLinks_TwoSilos_OneIsDeclaredDeadAndStopsAloneWhileTheOtherServes()
    {
        await using var cluster = await ManySilos.StartAsync(2);
        var (first, second) = (cluster.Primary, cluster.SecondarySilos[0]);

        cluster.CutLinks(first, second);
        await Task.WhenAny(first.Stopped, second.Stopped).WaitAsync(Poll.DefaultTimeout);
        await cluster.WaitForLivenessToStabilizeAsync();

        var stopped = first.IsActive ? second : first;
        var survivor = first.IsActive ? first : second;
        Assert.True(survivor.IsActive, "only one of the two may be declared dead");
        Assert.Contains("declared it dead", stopped.StopReason);
        Assert.Equal([survivor.SiloAddress], ManySilos.ActiveAt(survivor));
        // The test process and the surviving silo carry on.
        var grains = survivor.ServiceProvider.GetRequiredService<IGrainFactory>();
        Assert.Equal(1, await grains.GetGrain<IProbeGrain>("after-cut").Ping());
    }

    [Fact]
    public async Task CutLinks_OneSiloFromBothOthers_IsDeclaredDeadAndStops()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var isolated = cluster.SecondarySilos[1];

        cluster.CutLinks(isolated, cluster.Primary);
        cluster.CutLinks(isolated, cluster.SecondarySilos[0]);
        await isolated.Stopped.WaitAsync(Poll.DefaultTimeout);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Contains("declared it dead", isolated.StopReason);
        Assert.Equal(2, cluster.Silos.Count);
        Assert.DoesNotContain(isolated, cluster.Silos);
    }

    [Fact]
    public async Task HealLinks_AfterACut_LetsTheSilosTalkAgain()
    {
        // Probes on a clock that stands still, so the cut cannot get either silo declared dead meanwhile.
        await using var cluster = await ManySilos.Builder(2).UseTimeProvider(new ManualTimeProvider()).Build().DeployAsyncAndReturn();
        var (first, second) = (cluster.Primary, cluster.SecondarySilos[0]);
        var prober = first.ServiceProvider.GetRequiredService<Runtime.Cluster.ISiloProber>();
        using var cancel = new CancellationTokenSource(Poll.DefaultTimeout);
        Assert.True((await prober.ProbeAsync(second.SiloAddress, cancel.Token)).Succeeded);

        cluster.CutLinks(first, second);
        var whileCut = await prober.ProbeAsync(second.SiloAddress, cancel.Token);
        cluster.HealLinks(first, second);
        var healed = await prober.ProbeAsync(second.SiloAddress, cancel.Token);

        Assert.False(whileCut.Succeeded);
        Assert.Contains("cut", whileCut.FailureReason);
        Assert.True(healed.Succeeded, healed.FailureReason);
    }

    [Fact]
    public async Task KillSiloAsync_OnAManualClock_IsFoundDeadOnlyAsTheTestAdvancesTheProbes()
    {
        var time = new ManualTimeProvider();
        await using var cluster = await ManySilos.Builder(3).UseTimeProvider(time).Build().DeployAsyncAndReturn();
        var victim = cluster.SecondarySilos[0];

        await cluster.KillSiloAsync(victim);
        // No probe round has run: the clock has not moved.
        Assert.All(cluster.Silos, s => Assert.Contains(victim.SiloAddress, ManySilos.ActiveAt(s)));

        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return cluster.Silos.All(s => ManySilos.SeesDead(s, victim));
            },
            $"the survivors to find {victim} dead as the manual clock moves the probes");
        await cluster.WaitForLivenessToStabilizeAsync();
        Assert.Equal(2, cluster.Silos.Count);
    }

    [Fact]
    public async Task WaitForLivenessToStabilizeAsync_KilledSiloOnAStoppedClock_TimesOutSayingWhatEachSiloSees()
    {
        await using var cluster = await ManySilos.Builder(2).UseTimeProvider(new ManualTimeProvider()).Build().DeployAsyncAndReturn();
        var victim = cluster.SecondarySilos[0];
        await cluster.KillSiloAsync(victim);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromMilliseconds(200)));

        Assert.Contains("waiting for liveness to stabilize", error.Message);
        Assert.Contains($"sees active [{string.Join(", ", ManySilos.ActiveAt(cluster.Primary))}]", error.Message);
        Assert.Contains(victim.SiloAddress.ToString(), error.Message);
    }

    [Fact]
    public async Task WaitForLivenessToStabilizeAsync_KilledSiloOnAStoppedClock_TimesOutQuotingTheTableAndTheSilosMembershipLines()
    {
        await using var cluster = await ManySilos.Builder(2).UseTimeProvider(new ManualTimeProvider()).Build().DeployAsyncAndReturn();
        var victim = cluster.SecondarySilos[0];
        await cluster.KillSiloAsync(victim);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.WaitForLivenessToStabilizeAsync(TimeSpan.FromMilliseconds(200)));

        // The row nobody voted on yet, and what each silo logged: enough to tell a vote never cast from one not counted.
        Assert.Contains("The membership table: version", error.Message);
        Assert.Contains($"{victim.SiloAddress} Active, heartbeat", error.Message);
        Assert.Contains("Primary/", error.Message);
        Assert.Contains("Secondary_1/", error.Message);
        Assert.Contains($"Silo {victim.SiloAddress} is now Active in the membership table", error.Message);
    }

    [Fact]
    public async Task Log_TwoSilosStarted_KeepsEachSilosLinesNamedForIt()
    {
        await using var cluster = await ManySilos.StartAsync(2);

        var lines = cluster.Log.Lines;

        Assert.Contains(lines, l => l.Contains("Primary/", StringComparison.Ordinal) && l.Contains($"Silo {cluster.Primary.SiloAddress} is now Active", StringComparison.Ordinal));
        var second = cluster.SecondarySilos[0];
        Assert.Contains(lines, l => l.Contains("Secondary_1/", StringComparison.Ordinal) && l.Contains($"Silo {second.SiloAddress} is now Active", StringComparison.Ordinal));
        Assert.Contains($"Silo {second.SiloAddress} is now Active", cluster.Log.MembershipTail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetActivationCount_GrainCalledOnTwoSilos_CountsEachSilosActivation()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("counted");
        Assert.Equal(0, cluster.GetActivationCount(grain));

        await grain.Ping();

        Assert.Equal(1, cluster.GetActivationCount(grain));
        Assert.Equal([cluster.Primary], cluster.GetSilosHosting(grain));
        Assert.Equal(1, cluster.ActivationCount);
    }

    [Fact]
    public async Task GetClaimedActivationCount_GrainCalledThroughEverySilo_CountsTheOneActivationHoldingTheClaim()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("claimed");
        Assert.Equal(0, cluster.GetClaimedActivationCount(grain));

        foreach (var silo in cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("claimed").Ping();
        }

        Assert.Equal(1, cluster.GetClaimedActivationCount(grain));
        Assert.Equal(1, cluster.GetActivationCount(grain));
    }

    [Fact]
    public async Task DisposeAsync_ThreeSilosWithActivations_DeploysAndDisposesQuickly()
    {
        var watch = Stopwatch.StartNew();
        var cluster = await ManySilos.StartAsync(3);
        var deployed = watch.Elapsed;
        foreach (var silo in cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("d").Ping();
        }

        watch.Restart();
        await cluster.DisposeAsync();

        Assert.True(deployed < Bound, $"deploying 3 silos took {deployed}");
        Assert.True(watch.Elapsed < Bound, $"disposing 3 silos took {watch.Elapsed}");
        Assert.Empty(cluster.Silos);
    }

    [Fact]
    public async Task CutLinks_LoneSiloWithoutMembership_SaysWhatItNeeds()
    {
        await using var cluster = await ManySilos.StartAsync(1);

        var error = Assert.Throws<NotSupportedException>(() => cluster.CutLinks(cluster.Primary, cluster.Primary));

        Assert.Contains("in-memory network", error.Message);
    }
}
