using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The grain directory in a three-silo <see cref="TestCluster"/>: one activation per grain, whichever silo is called.</summary>
public class DirectoryTestClusterTests
{
    private static async Task<(TestCluster Cluster, Gates Gates)> StartAsync()
    {
        var gates = new Gates();
        var cluster = new TestClusterBuilder(3)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(DirectoryTestClusterTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(gates)))
            .Build();
        await cluster.DeployAsync();
        return (cluster, gates);
    }

    private static IGrainFactory Via(TestCluster cluster, int silo) => cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Call_HundredCallersOnTenGrainsThroughThreeSilos_ExactlyOneActivationEachAcrossTheCluster()
    {
        var (cluster, gates) = await StartAsync();
        await using var _ = cluster;
        var keys = Enumerable.Range(0, 10).Select(i => $"tc-storm-{i}").ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            await start.Task;
            await Task.WhenAll(keys.Select(k => Via(cluster, caller % 3).GetGrain<IPlacedGrain>(k).Increment()));
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(callers).WaitAsync(Poll.DefaultTimeout);

        foreach (var key in keys)
        {
            var grain = cluster.Client.GetGrain<IPlacedGrain>(key);
            Assert.Equal(1, cluster.GetActivationCount(grain));
            Assert.Single(gates.Log, entry => entry.StartsWith($"activated {key} on ", StringComparison.Ordinal));
            Assert.Equal(101, await grain.Increment());
        }
    }

    [Fact]
    public async Task Increment_ThroughDifferentSilosAndAcrossADeactivation_KeepsTheState()
    {
        var (cluster, _) = await StartAsync();
        await using var __ = cluster;
        var values = new List<int>();

        for (var i = 0; i < 9; i++)
        {
            values.Add(await Via(cluster, i % 3).GetGrain<ICounterGrain>("tc-kept").Increment());
        }

        var grain = cluster.Client.GetGrain<ICounterGrain>("tc-kept");
        await grain.Deactivate();
        await Poll.UntilAsync(() => cluster.GetActivationCount(grain) == 0, "the counter's activation to deactivate");
        for (var i = 9; i < 18; i++)
        {
            values.Add(await Via(cluster, i % 3).GetGrain<ICounterGrain>("tc-kept").Increment());
        }

        Assert.Equal(Enumerable.Range(1, 18), values);
        Assert.Equal(1, cluster.GetActivationCount(grain));
    }
}
