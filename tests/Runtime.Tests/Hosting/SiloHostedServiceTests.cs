using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Hosting;

public class SiloHostedServiceTests
{
    [Fact]
    public async Task StartAsync_GrainNeedsAStoreThatIsNotConfigured_StopsTheSiloNamingGrainAndStore()
    {
        // The test grains include CounterGrain ([PersistentState]) and JournalGrain ([PersistentLog]), both on the
        // default store, which this silo lacks; whichever the silo checks first is named.
        await using var cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo.AddGrainAssembly(typeof(SiloHostedServiceTests).Assembly))
            .Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(cluster.DeployAsync);

        Assert.Matches(
            @"^Grain class (CounterGrain uses grain|JournalGrain uses event log) storage 'Default', which is not configured: call AddMemoryGrainStorage\(""Default""\)",
            error.Message);
    }
}
