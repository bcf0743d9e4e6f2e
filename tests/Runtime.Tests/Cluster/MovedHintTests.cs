using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A silo that finds no activation for a call another silo sent it tells that silo where the grain is.</summary>
public class MovedHintTests
{
    private static async Task<TestCluster> StartAsync()
    {
        var cluster = new TestClusterBuilder(3)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(MovedHintTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(new Gates())))
            .Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static IGrainFactory Via(SiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    private static LocalMessageCenter Router(SiloHandle silo) => (LocalMessageCenter)silo.ServiceProvider.GetRequiredService<IMessageCenter>();

    [Fact]
    public async Task Call_StaleCacheOnTheCaller_TheForwardingSiloTellsItAndTheNextCallGoesStraightToTheGrain()
    {
        await using var cluster = await StartAsync();
        var (a, b, c) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);
        var grainId = new GrainId("preferlocal", "moved");

        // Active on B (prefer-local from B); A learns that by calling it.
        Assert.Equal(b.SiloAddress.ToString(), await Via(b).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.Equal(b.SiloAddress.ToString(), await Via(a).GetGrain<IPreferLocalGrain>("moved").WhereAmI());

        // It leaves B and comes back on C: A's cache still says B.
        Assert.True(b.ServiceProvider.GetRequiredService<Catalog>().TryGet(grainId, out var activation));
        activation!.TryDeactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "moved by the test"));
        await activation.Deactivated.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(c.SiloAddress.ToString(), await Via(c).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.Equal(b.SiloAddress, await a.ServiceProvider.GetRequiredService<IGrainLocator>().LocateAsync(grainId));

        // The first call from A pays the hop through B; B's hint fixes A's cache before the answer arrives.
        Assert.Equal(c.SiloAddress.ToString(), await Via(a).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.Equal(1, Router(b).ForwardedCount);
        Assert.Equal(c.SiloAddress, await a.ServiceProvider.GetRequiredService<IGrainLocator>().LocateAsync(grainId));

        Assert.Equal(c.SiloAddress.ToString(), await Via(a).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.Equal(1, Router(b).ForwardedCount);
        Assert.Equal(1, cluster.GetActivationCount(Via(a).GetGrain<IPreferLocalGrain>("moved")));
    }
}
