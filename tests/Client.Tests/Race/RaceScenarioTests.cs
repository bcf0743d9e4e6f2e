using OrleansBank.Client.Race;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Client.Tests.Race;

public class RaceScenarioTests
{
    [Fact]
    public void RunRawThreads_Always_OverdrawsTo_Minus100()
    {
        var outcome = RaceScenario.RunRawThreads();

        Assert.Equal([600m, 500m], outcome.Approved);
        Assert.Empty(outcome.Declined);
        Assert.Equal(-100m, outcome.FinalBalance);
    }

    [Fact]
    public void RunLocked_Always_ApprovesExactlyOne()
    {
        var outcome = RaceScenario.RunLocked();

        var approved = Assert.Single(outcome.Approved);
        Assert.Single(outcome.Declined);
        Assert.Equal(1000m - approved, outcome.FinalBalance);
    }

    [Fact]
    public async Task RunGrains_OnTestCluster_ApprovesExactlyOne()
    {
        await using var cluster = new TestClusterBuilder()
            .ConfigureSilo(s => s.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault())
            .Build();
        await cluster.DeployAsync();

        var outcome = await RaceScenario.RunGrainsAsync(cluster.GrainFactory);

        var approved = Assert.Single(outcome.Approved);
        Assert.Single(outcome.Declined);
        Assert.Equal(1000m - approved, outcome.FinalBalance);
    }
}
