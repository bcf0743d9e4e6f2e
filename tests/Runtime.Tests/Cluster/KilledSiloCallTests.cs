using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.SiloLinks;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A call to a grain whose silo was just killed: held until the cluster judges that silo, then served elsewhere.</summary>
public class KilledSiloCallTests
{
    [Fact]
    public async Task Call_GrainOnAKilledSilo_IsHeldUntilTheSiloIsDeclaredDeadThenAnsweredByASurvivor()
    {
        var time = new ManualTimeProvider();
        await using var cluster = new TestClusterBuilder(3)
            .UseTimeProvider(time)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(KilledSiloCallTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(new Gates())))
            .Build();
        await cluster.DeployAsync();
        var victim = cluster.SecondarySilos[0];
        // Prefer-local: called through the victim, the grain lives there; the primary then learns where.
        Assert.Equal(1, await victim.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IPreferLocalGrain>("moved").Increment());
        var grain = cluster.Primary.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IPreferLocalGrain>("moved");
        Assert.Equal(2, await grain.Increment());

        await cluster.KillSiloAsync(victim);
        // A call in flight at the kill may or may not have run, and says so; this one is made once the primary's link
        // has seen the connection drop, so it is never sent: the reconnect is refused.
        var link = cluster.Primary.ServiceProvider.GetRequiredService<SiloLinkPool>().Get(victim.SiloAddress);
        await Poll.UntilAsync(() => link.Connection is null || link.Connection.IsClosed, $"the primary's link to {victim} to see the crash");
        // The clock stands still, so no probe has run: the primary still thinks the grain lives on the victim.
        var call = grain.Increment();
        Assert.False(call.IsCompleted);
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return cluster.Silos.All(s => s.ServiceProvider.GetRequiredService<ISiloStatusView>().IsDead(victim.SiloAddress));
            },
            $"the survivors to find {victim} dead as the manual clock moves the probes");

        // A fresh activation on a survivor: the count starts again, and the call never failed.
        Assert.Equal(1, await call.WaitAsync(Poll.DefaultTimeout));
        Assert.Equal(1, cluster.GetActivationCount(grain));
    }
}
