using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.Cluster;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>A grain reference remembers the local activation its last call went to, and never past that activation's life.</summary>
public class ActivationHandleTests
{
    [Fact]
    public async Task Call_AfterTheRememberedActivationDeactivated_ReachesAFreshOneAndTheOldIsNotKeptAlive()
    {
        await using var silo = await TestSilo.StartAsync();
        var services = silo.Cluster.Primary.ServiceProvider;
        var catalog = services.GetRequiredService<Catalog>();
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("handle");
        Assert.Equal(1, await grain.Increment());
        Assert.True(catalog.TryGet(grain.GetGrainId(), out var first));
        Assert.Same(first, first!.Handle.Activation);

        await grain.Deactivate();
        await first.Deactivated.WaitAsync(Poll.DefaultTimeout);

        // The reference's handle no longer reaches the old activation (nor keeps it, or its grain, in memory) ...
        Assert.Null(first.Handle.Activation);

        // ... and the same reference's next call takes the long way to a fresh one, with the saved state.
        Assert.Equal(2, await grain.Increment());
        Assert.True(catalog.TryGet(grain.GetGrainId(), out var second));
        Assert.NotSame(first, second);
        Assert.Same(second, second!.Handle.Activation);
    }

    [Fact]
    public async Task Call_ThroughAReferenceWhoseSiloWasKilled_IsRefusedNotRunOnTheRememberedActivation()
    {
        await using var cluster = new TestClusterBuilder(2)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(ActivationHandleTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("counter")
                .ConfigureServices(s => s.AddSingleton(new Gates())))
            .Build();
        await cluster.DeployAsync();
        var victim = cluster.SecondarySilos[0];
        var grain = victim.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IPreferLocalGrain>("remembered");
        Assert.Equal(1, await grain.Increment());
        Assert.True(victim.ServiceProvider.GetRequiredService<Catalog>().TryGet(grain.GetGrainId(), out var activation));

        await cluster.KillSiloAsync(victim);

        // The killed silo's activation is still there in this process, and the reference remembers it: a killed silo
        // must not run it anyway.
        Assert.NotNull(activation!.Handle.Activation);
        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment().WaitAsync(Poll.DefaultTimeout));
        Assert.Contains("was killed", refused.Message);
    }
}
