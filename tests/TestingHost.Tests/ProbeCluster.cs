using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

/// <summary>Builds test clusters that host the probe grains with a shared <see cref="Probe"/>.</summary>
internal static class ProbeCluster
{
    public static TestClusterBuilder Builder(Probe probe, TestClientTransport transport = TestClientTransport.Hosted) =>
        new TestClusterBuilder()
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(ProbeGrain).Assembly)
                .AddMemoryGrainStorage(CounterGrain.Storage)
                .ConfigureServices(s => s.AddSingleton(probe)))
            .UseClientTransport(transport);

    public static async Task<TestCluster> StartAsync(Probe probe, TestClientTransport transport = TestClientTransport.Hosted)
    {
        var cluster = Builder(probe, transport).Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
