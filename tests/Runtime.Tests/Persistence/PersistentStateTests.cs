using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Persistence;

public class PersistentStateTests
{
    [Fact]
    public async Task State_AfterDeactivation_IsReadBackOnActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("c");
        await grain.Increment();
        await grain.Increment();

        await grain.Deactivate();
        await TestingHost.Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the counter to deactivate");

        Assert.Equal(2, await grain.Get());
    }

    [Fact]
    public async Task CallThatWrites_IsAcknowledgedOnlyAfterTheWriteCompletes()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Storage.HoldWrites = true;

        var call = silo.Grains.GetGrain<ICounterGrain>("ack").Increment();
        await silo.Gates.WaitFor("write-entered");
        Assert.False(call.IsCompleted, "the call must not answer while its write is in progress");
        silo.Gates.Raise("write-release");

        Assert.Equal(1, await call);
    }

    [Fact]
    public async Task Write_AfterAnotherWriterChangedTheRecord_FailsWithInconsistentStateAndKeepsNewerData()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("etag");
        await grain.Increment();
        var other = new GrainState<CounterState>(new CounterState());
        await silo.Storage.ReadStateAsync("counter", grain.GetGrainId(), other);
        other.State.Value = 100;
        await silo.Storage.WriteStateAsync("counter", grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());

        var stored = new GrainState<CounterState>(new CounterState());
        await silo.Storage.ReadStateAsync("counter", grain.GetGrainId(), stored);
        Assert.Equal(100, stored.State.Value);
    }
}
