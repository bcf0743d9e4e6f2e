using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

public class SingleSiloGrainLocatorTests
{
    private sealed class Details(SiloAddress address) : ILocalSiloDetails
    {
        public SiloAddress SiloAddress { get; } = address;
    }

    [Fact]
    public async Task LocateAsync_AnyGrain_AnswersThisSiloWithoutWaiting()
    {
        var here = new SiloAddress("127.0.0.1", 11111, 42);
        var locator = new SingleSiloGrainLocator(new Details(here));

        var located = locator.LocateAsync(new GrainId("echo", "anything"));

        // Completed at once: the local call path must not pay for a task or an await.
        Assert.True(located.IsCompletedSuccessfully);
        Assert.Same(here, await located);
    }
}
