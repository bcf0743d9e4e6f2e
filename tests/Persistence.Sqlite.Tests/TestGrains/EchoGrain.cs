using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite.Tests.TestGrains;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<decimal> Add(decimal a, decimal b);
}

/// <summary>Touches no storage: its turns show whether grain code still runs while SQLite writers are blocked.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<decimal> Add(decimal a, decimal b) => Task.FromResult(a + b);
}
