using OrleansBank.Runtime;

namespace OrleansBank.TestingHost.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the stored count and returns it.</summary>
    Task<int> Increment();
}

public sealed class CounterGrain([PersistentState("counter", CounterGrain.Storage)] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    /// <summary>The storage provider every test silo must add for this grain.</summary>
    public const string Storage = "counter";

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }
}
