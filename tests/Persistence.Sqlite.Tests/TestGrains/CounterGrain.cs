using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();
}

/// <summary>Writes its state on every increment, so each call is a SQLite write.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Value);
}
