using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A silo stopping gracefully while the others still route to it from their caches: no client call fails.</summary>
public class RollingStopTests
{
    [Fact]
    public async Task StopSilo_ClientCallsThroughAnotherGatewayToItsGrains_EveryCallIsAnsweredAndTheClientStaysOnItsGateway()
    {
        var gate = new StopGate();
        await using var cluster = new TestClusterBuilder(3)
            .UseClientTransport(TestClientTransport.InMemory)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(RollingStopTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(new Gates()).AddSingleton(gate).AddHostedService<StopGate.Service>()))
            .Build();
        await cluster.DeployAsync();
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var keys = Enumerable.Range(0, 5).Select(i => $"rolling-{i}").ToArray();

        // Each grain lives on B (prefer-local from B), and A, the client's gateway, has B cached for it.
        foreach (var key in keys)
        {
            Assert.Equal(b.SiloAddress.ToString(), await b.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IPreferLocalGrain>(key).WhereAmI());
            Assert.Equal(b.SiloAddress.ToString(), await cluster.Client.GetGrain<IPreferLocalGrain>(key).WhereAmI());
        }

        var gateway = cluster.ClientServices.GetRequiredService<GatewayConnector>();
        Assert.Equal(a.GatewayEndpoint, gateway.Session!.Remote);

        // B stops and is held while shutting down: its grains are gone, its row is not dead, A still routes to it.
        gate.Held = b.SiloAddress;
        var stopping = cluster.StopSiloAsync(b);
        await gate.Reached.WaitAsync(Poll.DefaultTimeout);
        await Poll.UntilAsync(() => b.ActivationCount == 0, "the stopping silo's grains to deactivate");
        foreach (var key in keys)
        {
            Assert.Equal(b.SiloAddress, await a.ServiceProvider.GetRequiredService<IGrainLocator>().LocateAsync(new GrainId("preferlocal", key)));
        }

        var failures = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                try
                {
                    Assert.NotEqual(b.SiloAddress.ToString(), await cluster.Client.GetGrain<IPreferLocalGrain>(key).WhereAmI().WaitAsync(Poll.DefaultTimeout));
                }
                catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException)
                {
                    failures.Add($"{key}: {ex.Message}");
                }
            }
        }

        gate.Release();
        await stopping.WaitAsync(Poll.DefaultTimeout);
        Assert.Empty(failures);
        Assert.Equal(a.GatewayEndpoint, gateway.Session!.Remote);
        Assert.False(gateway.Session.Draining);
    }
}
