using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

public class TestClusterSilosTests
{
    [Fact]
    public async Task DeployAsync_ThreeSilos_EachSeesAllThreeActive()
    {
        await using var cluster = await ManySilos.StartAsync(3);

        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(3, cluster.Silos.Count);
        Assert.Same(cluster.Silos[0], cluster.Primary);
        Assert.Equal(cluster.Silos.Skip(1), cluster.SecondarySilos);
        var addresses = cluster.Silos.Select(s => s.SiloAddress).ToList();
        Assert.Equal(3, addresses.Select(a => a.Endpoint).Distinct().Count());
        Assert.Equal(3, cluster.Silos.Select(s => s.GatewayEndpoint).Distinct().Count());
        foreach (var silo in cluster.Silos)
        {
            Assert.True(silo.IsActive);
            Assert.Equal(addresses.OrderBy(a => a.ToString(), StringComparer.Ordinal), ManySilos.ActiveAt(silo));
        }
    }

    [Fact]
    public async Task DeployAsync_ThreeSilos_ShareOneGrainStorage()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var onPrimary = cluster.Primary.ServiceProvider.GetRequiredService<IGrainFactory>();
        var onSecondary = cluster.SecondarySilos[1].ServiceProvider.GetRequiredService<IGrainFactory>();

        Assert.Equal(1, await onPrimary.GetGrain<ICounterGrain>("c").Increment());
        await cluster.StopSiloAsync(cluster.Primary);

        // The primary's activation is gone with its silo; the count it wrote is not.
        Assert.Equal(2, await onSecondary.GetGrain<ICounterGrain>("c").Increment());
    }

    [Fact]
    public async Task StopSiloAsync_OneOfThree_IsDeadInEverySurvivorsView()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var leaving = cluster.SecondarySilos[0];

        await cluster.StopSiloAsync(leaving);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.False(leaving.IsActive);
        Assert.Equal("stopped by the test", leaving.StopReason);
        Assert.Equal(2, cluster.Silos.Count);
        Assert.All(cluster.Silos, s => Assert.True(ManySilos.SeesDead(s, leaving), $"{s} must see {leaving} dead"));
    }

    [Fact]
    public async Task KillSiloAsync_OneOfThree_SurvivorsDeclareItDead()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var victim = cluster.SecondarySilos[1];

        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.False(victim.IsActive);
        Assert.Equal("killed by the test", victim.StopReason);
        Assert.All(cluster.Silos, s => Assert.True(ManySilos.SeesDead(s, victim), $"{s} must see {victim} dead"));
    }

    [Fact]
    public async Task KillSiloAsync_WithAnActivation_NeitherDeactivatesItNorWritesItsRowDead()
    {
        var probe = new Probe();
        await using var cluster = await ManySilos.Builder(3, probe).UseTimeProvider(new ManualTimeProvider()).Build().DeployAsyncAndReturn();
        var victim = cluster.SecondarySilos[0];
        await victim.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("v").Ping();

        await cluster.KillSiloAsync(victim);

        // A crash says no goodbye: no deactivation, and with the clock stopped nobody has probed it yet, so the table
        // still calls it active - only probes may find it dead.
        Assert.DoesNotContain(probe.Log, e => e.StartsWith("deactivated:v", StringComparison.Ordinal));
        Assert.All(cluster.Silos, s => Assert.Contains(victim.SiloAddress, ManySilos.ActiveAt(s)));
    }

    [Fact]
    public async Task RestartSiloAsync_Secondary_NewGenerationOnTheSameEndpointIsActiveAndTheOldOneDead()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var old = cluster.SecondarySilos[0];

        var restarted = await cluster.RestartSiloAsync(old);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(old.SiloAddress.Endpoint, restarted.SiloAddress.Endpoint);
        Assert.Equal(old.GatewayEndpoint, restarted.GatewayEndpoint);
        Assert.True(restarted.SiloAddress.Generation > old.SiloAddress.Generation);
        Assert.Contains(restarted, cluster.Silos);
        Assert.DoesNotContain(old, cluster.Silos);
        Assert.All(cluster.Silos, s =>
        {
            Assert.Contains(restarted.SiloAddress, ManySilos.ActiveAt(s));
            Assert.True(ManySilos.SeesDead(s, old), $"{s} must see {old} dead");
        });
    }

    [Fact]
    public async Task RestartSiloAsync_AfterAKill_StartsANewGenerationOnTheSameEndpoint()
    {
        await using var cluster = await ManySilos.StartAsync(3);
        var old = cluster.SecondarySilos[1];
        await cluster.KillSiloAsync(old);

        var restarted = await cluster.RestartSiloAsync(old);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(old.SiloAddress.Endpoint, restarted.SiloAddress.Endpoint);
        Assert.Equal(3, cluster.Silos.Count);
        Assert.All(cluster.Silos, s => Assert.True(ManySilos.SeesDead(s, old), $"{s} must see {old} dead"));
    }

    [Fact]
    public async Task StartAdditionalSiloAsync_ToTwo_JoinsAndIsActiveEverywhere()
    {
        await using var cluster = await ManySilos.StartAsync(2);

        var added = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal("Secondary_2", added.Name);
        Assert.Equal(3, cluster.Silos.Count);
        Assert.All(cluster.Silos, s => Assert.Contains(added.SiloAddress, ManySilos.ActiveAt(s)));
    }

    [Fact]
    public async Task StartAdditionalSiloAsync_LoneSiloWithoutMembership_SaysHowToEnableIt()
    {
        await using var cluster = await ManySilos.StartAsync(1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(cluster.StartAdditionalSiloAsync);

        Assert.Contains("UseClusterMembership = true", error.Message);
    }

    [Fact]
    public async Task StartAdditionalSiloAsync_LoneSiloWithMembership_Joins()
    {
        var builder = ManySilos.Builder(1);
        builder.Options.UseClusterMembership = true;
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(2, ManySilos.ActiveAt(cluster.Primary).Count);
    }

    [Fact]
    public async Task KillSiloAsync_ClientCallHeldOnIt_FailsAtOnceAsTheConnectionDrops()
    {
        var probe = new Probe();
        await using var cluster = await ManySilos.Builder(3, probe)
            .UseClientTransport(TestClientTransport.InMemory)
            // No call may fail by timing out here: only the dropped connection can end the held call.
            .ConfigureClient(c => c.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10)))
            .Build()
            .DeployAsyncAndReturn();
        var held = cluster.Client.GetGrain<IProbeGrain>("held").Hold();
        await probe.WaitFor("held:held");

        await cluster.KillSiloAsync(cluster.Primary);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => held.WaitAsync(Poll.DefaultTimeout));
        Assert.True(held.IsFaulted, $"the held call must fail as its connection drops, not hang: {error.Message}");
        Assert.IsNotType<TimeoutException>(held.Exception!.InnerException);
        Assert.DoesNotContain(probe.Log, e => e.StartsWith("deactivated:held", StringComparison.Ordinal));
        probe.ReleaseAll();
    }
}
