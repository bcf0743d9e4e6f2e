using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Cluster;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Asks the prefer-local grain <paramref name="key"/> where it runs: a grain-to-grain call, across silos when it lives elsewhere.</summary>
    Task<string> WhereIs(string key);
}

/// <summary>Records "relay {key}" each time it runs, so a test sees whether a client's call ran more than once.</summary>
[PreferLocalPlacement]
public sealed class RelayGrain(Gates gates) : Grain, IRelayGrain
{
    public Task<string> WhereIs(string key)
    {
        gates.Record($"relay {key}");
        return GrainFactory.GetGrain<IPreferLocalGrain>(key).WhereAmI();
    }
}
