using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IRunTokenGrain : IGrainWithStringKey
{
    /// <summary>The run token of this request, as a call made from here would carry it in its chain.</summary>
    Task<string> CurrentRunToken();
}

public sealed class RunTokenGrain : Grain, IRunTokenGrain
{
    public Task<string> CurrentRunToken() => Task.FromResult(CallChain.Current!.RunToken.ToString());
}
