using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

/// <summary>Builds test clusters of several silos hosting the probe and counter grains.</summary>
internal static class ManySilos
{
    public static TestClusterBuilder Builder(short silos, Probe? probe = null) =>
        new TestClusterBuilder(silos)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(ProbeGrain).Assembly)
                .AddMemoryGrainStorage(CounterGrain.Storage)
                .ConfigureServices(s => s.AddSingleton(probe ?? new Probe())));

    public static async Task<TestCluster> StartAsync(short silos, Probe? probe = null)
    {
        var cluster = Builder(silos, probe).Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The active silos as <paramref name="silo"/>'s membership sees them.</summary>
    public static IReadOnlyList<SiloAddress> ActiveAt(SiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<Runtime.Cluster.ISiloStatusView>().ActiveSilos;

    /// <summary>True when <paramref name="silo"/>'s membership sees <paramref name="other"/> dead.</summary>
    public static bool SeesDead(SiloHandle silo, SiloHandle other) =>
        silo.ServiceProvider.GetRequiredService<Runtime.Cluster.ISiloStatusView>().IsDead(other.SiloAddress);

    /// <summary>Deploys and returns the cluster, for one-line setups.</summary>
    public static async Task<TestCluster> DeployAsyncAndReturn(this TestCluster cluster)
    {
        await cluster.DeployAsync();
        return cluster;
    }
}
