using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

public interface IEchoGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);
}

/// <summary>A non-reentrant grain with no storage: what is measured is the runtime's call path.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}
