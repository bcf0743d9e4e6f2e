using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class ActivationFailureTests
{
    [Fact]
    public async Task Activate_FailsWithCallsQueued_EachGetsTheErrorAndTheNextCallActivatesAgain()
    {
        await using var silo = await TestSilo.StartAsync();
        var catalog = silo.Cluster.ServiceProvider.GetRequiredService<Catalog>();
        var grain = silo.Grains.GetGrain<IFailingActivationGrain>("first-fails");

        var first = grain.Touch();
        await silo.Gates.WaitFor("activating:first-fails");
        var second = grain.Touch();
        await Poll.UntilAsync(
            () => catalog.Activations.Sum(a => a.WaitingCount) == 2,
            "both calls to wait behind the activation that is still being created");
        silo.Gates.Raise("release-activation:first-fails");

        Assert.Equal("first activation of first-fails failed", (await Assert.ThrowsAsync<GrainFailureException>(() => first)).Message);
        Assert.Equal("first activation of first-fails failed", (await Assert.ThrowsAsync<GrainFailureException>(() => second)).Message);
        await Poll.UntilAsync(() => catalog.Activations.Count() == 0, "the failed activation to leave the catalog");
        Assert.Equal(1, await grain.Touch());
    }
}
