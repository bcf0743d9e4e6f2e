using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class HeapCompactionTests
{
    [Fact]
    public async Task CollectNow_AfterASweepCollectedAtLeastTheThreshold_CompactsTheHeapAtTheFirstSweepOnceTheyAreGone()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithThreshold(time, 3);
        await TouchAll(silo, 3);

        time.Advance(TimeSpan.FromMinutes(10));
        var collector = silo.Cluster.ServiceProvider.GetRequiredService<ActivationCollector>();
        Assert.Null(collector.LastCompaction);
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the collected activations to leave the catalog");

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(collector.LastCompaction);
        await collector.LastCompaction.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CollectNow_CollectingFewerThanTheThreshold_DoesNotCompact()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithThreshold(time, 4);
        await TouchAll(silo, 3);

        time.Advance(TimeSpan.FromMinutes(10));
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the collected activations to leave the catalog");
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(silo.Cluster.ServiceProvider.GetRequiredService<ActivationCollector>().LastCompaction);
    }

    [Fact]
    public async Task SiloStart_WithAZeroCollectionQuantum_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(
            new ManualTimeProvider(), s => s.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.Zero)));

        Assert.Contains("GrainCollectionOptions.CollectionQuantum is 00:00:00", error.Message, StringComparison.Ordinal);
    }

    private static async Task TouchAll(TestSilo silo, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await silo.Grains.GetGrain<ILifecycleGrain>($"c-{i}").Touch();
        }
    }

    private static Task<TestSilo> StartWithThreshold(ManualTimeProvider time, int threshold) => TestSilo.StartAsync(time, s => s.Configure<GrainCollectionOptions>(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
        o.CompactHeapAfterCollecting = threshold;
    }));
}
