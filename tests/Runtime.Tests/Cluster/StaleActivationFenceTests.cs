using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>
/// The event log's version check is the last fence against two activations of one grain (a silo cut off but not yet
/// declared dead): the stale one's next append conflicts, the call fails, and that activation deactivates.
/// </summary>
public class StaleActivationFenceTests
{
    [Fact]
    public async Task Append_AnotherActivationAppendedMeanwhile_FailsWithAConflictAndTheStaleActivationDeactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IJournalGrain>("fenced");
        Assert.Equal(1, await grain.Add("mine"));
        var catalog = silo.Cluster.ServiceProvider.GetRequiredService<Catalog>();
        Assert.True(catalog.TryGet(grain.GetGrainId(), out var stale));

        // What the winning activation on another silo wrote, unseen by this one.
        await silo.Storage.AppendAsync<string>("items", grain.GetGrainId(), expectedVersion: 1, ["theirs"]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Add("late"));
        await stale!.Deactivated.WaitAsync(TestingHost.Poll.DefaultTimeout);
        Assert.Equal(["mine", "theirs"], await grain.Items());
        Assert.True(catalog.TryGet(grain.GetGrainId(), out var fresh));
        Assert.NotSame(stale, fresh);
    }
}
