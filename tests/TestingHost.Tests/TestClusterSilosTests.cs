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
}
