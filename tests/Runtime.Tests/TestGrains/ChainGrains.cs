namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IChainGrain : IGrainWithStringKey
{
    Task<string> Ping();

    /// <summary>Calls <paramref name="viaKey"/>, which calls back to this grain.</summary>
    Task<string> CallThrough(string viaKey);

    Task<string> CallBack(string targetKey);

    Task<string> CallSelf();

    /// <summary>Like <see cref="CallThrough"/>, but waits for the answer synchronously, holding this grain's thread.</summary>
    Task<string> CallThroughBlocking(string viaKey);
}

public interface IReentrantChainGrain : IGrainWithStringKey
{
    Task<string> Ping();

    Task<string> CallThrough(string viaKey);

    Task<string> CallBack(string targetKey);
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> Ping() => Task.FromResult($"pong from {this.GetPrimaryKeyString()}");

    public Task<string> CallThrough(string viaKey) =>
        GrainFactory.GetGrain<IChainGrain>(viaKey).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string targetKey) => GrainFactory.GetGrain<IChainGrain>(targetKey).Ping();

    public Task<string> CallSelf() => GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyString()).Ping();

    // Sync over async on purpose: the pump of this activation cannot run while this turn holds its thread.
    public Task<string> CallThroughBlocking(string viaKey) =>
        Task.FromResult(GrainFactory.GetGrain<IChainGrain>(viaKey).CallBack(this.GetPrimaryKeyString()).GetAwaiter().GetResult());
}

[Reentrant]
public sealed class ReentrantChainGrain : Grain, IReentrantChainGrain
{
    public Task<string> Ping() => Task.FromResult($"pong from {this.GetPrimaryKeyString()}");

    public Task<string> CallThrough(string viaKey) =>
        GrainFactory.GetGrain<IReentrantChainGrain>(viaKey).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string targetKey) => GrainFactory.GetGrain<IReentrantChainGrain>(targetKey).Ping();
}
