namespace OrleansBank.Runtime.Tests.TestGrains;

public interface ITracedGrain : IGrainWithStringKey
{
    Task<string> Ping();

    /// <summary>Calls <see cref="Ping"/> on the grain <paramref name="key"/>.</summary>
    Task<string> CallOther(string key);

    Task Fail();

    /// <summary>Appends to the grain's log; the reply waits until the append is durable.</summary>
    Task<long> Record(string item);
}

/// <summary>A grain that stays on the silo first called, so a test can put two of them on two silos.</summary>
[PreferLocalPlacement]
[GrainType("traced")]
public sealed class TracedGrain([PersistentLog("items")] IPersistentLog<string> log) : Grain, ITracedGrain
{
    public Task<string> Ping() => Task.FromResult(this.GetPrimaryKeyString());

    public Task<string> CallOther(string key) => GrainFactory.GetGrain<ITracedGrain>(key).Ping();

    public Task Fail() => throw new InvalidOperationException("traced grain failed on purpose");

    public async Task<long> Record(string item)
    {
        await log.Append(item);
        return log.Version;
    }
}
