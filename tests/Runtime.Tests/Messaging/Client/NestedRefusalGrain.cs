using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

public interface INestedRefusalGrain : IGrainWithStringKey
{
    /// <summary>Runs, then fails as a call of its own to a stopping silo would: with that silo's refusal.</summary>
    Task CallAStoppingSilo();
}

/// <summary>Records "ran:{key}" each time it runs, then throws the refusal a nested call would bring back.</summary>
public sealed class NestedRefusalGrain(Gates gates) : Grain, INestedRefusalGrain
{
    public Task CallAStoppingSilo()
    {
        gates.Record($"ran:{this.GetPrimaryKeyString()}");
        throw new SiloShuttingDownException("The silo 127.0.0.1:11112:1 is shutting down and did not run IOtherGrain.Do on other/o: nothing changed.");
    }
}
