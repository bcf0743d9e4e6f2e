using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A silo stopping gracefully while the others still route to it from their caches: no client call fails.</summary>
public class RollingStopTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 5).Select(i => $"rolling-{i}")];

    /// <summary>
    /// Three silos and an external client on silo 0's gateway; <see cref="Keys"/> live on silo 1 and silo 0 has them
    /// cached. Silo 1 then stops and is held while shutting down, its grains gone and its row not yet dead.
    /// </summary>
    private static async Task<(TestCluster Cluster, SiloHandle Stopping, Gates Gates, StopGate Gate, Task Stopped)> StartAndHoldAsync()
    {
        var gate = new StopGate();
        var gates = new Gates();
        var cluster = new TestClusterBuilder(3)
            .UseClientTransport(TestClientTransport.InMemory)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(RollingStopTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(gates).AddSingleton(gate).AddHostedService<StopGate.Service>()))
            .Build();
        await cluster.DeployAsync();
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        foreach (var key in Keys)
        {
            Assert.Equal(b.SiloAddress.ToString(), await b.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IPreferLocalGrain>(key).WhereAmI());
            Assert.Equal(b.SiloAddress.ToString(), await cluster.Client.GetGrain<IPreferLocalGrain>(key).WhereAmI());
        }

        Assert.Equal(a.GatewayEndpoint, cluster.ClientServices.GetRequiredService<GatewayConnector>().Session!.Remote);
        gate.Held = b.SiloAddress;
        var stopping = cluster.StopSiloAsync(b);
        await gate.Reached.WaitAsync(Poll.DefaultTimeout);
        await Poll.UntilAsync(() => b.ActivationCount == 0, "the stopping silo's grains to deactivate");
        foreach (var key in Keys)
        {
            Assert.Equal(b.SiloAddress, await a.ServiceProvider.GetRequiredService<IGrainLocator>().LocateAsync(new GrainId("preferlocal", key)));
        }

        return (cluster, b, gates, gate, stopping);
    }

    [Fact]
    public async Task StopSilo_ClientCallsThroughAnotherGatewayToItsGrains_EveryCallIsAnsweredAndTheClientStaysOnItsGateway()
    {
        var (cluster, b, _, gate, stopping) = await StartAndHoldAsync();
        await using var _ = cluster;
        var a = cluster.Primary;

        var failures = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in Keys)
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
        var gateway = cluster.ClientServices.GetRequiredService<GatewayConnector>();
        Assert.Equal(a.GatewayEndpoint, gateway.Session!.Remote);
        Assert.False(gateway.Session.Draining);
    }

    [Fact]
    public async Task StopSilo_GrainOnAnotherSiloCallsItsGrains_TheNestedCallsAreRoutedOnAndEachClientCallRunsOnce()
    {
        var (cluster, b, gates, gate, stopping) = await StartAndHoldAsync();
        await using var _ = cluster;

        // The relay is placed on silo 0, the client's gateway, whose cache sends its calls to the stopping silo.
        foreach (var key in Keys)
        {
            Assert.NotEqual(b.SiloAddress.ToString(), await cluster.Client.GetGrain<IRelayGrain>("relay").WhereIs(key).WaitAsync(Poll.DefaultTimeout));
        }

        gate.Release();
        await stopping.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(Keys.Select(k => $"relay {k}"), gates.Log.Where(e => e.StartsWith("relay ", StringComparison.Ordinal)));
        Assert.False(cluster.ClientServices.GetRequiredService<GatewayConnector>().Session!.Draining);
    }
}
