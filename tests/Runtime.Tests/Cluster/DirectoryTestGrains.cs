using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Cluster;

public interface IPlacedGrain : IGrainWithStringKey
{
    /// <summary>The address of the silo that ran the call.</summary>
    Task<string> WhereAmI();

    /// <summary>Adds one to a count kept in memory only, so two activations would each count their own share.</summary>
    Task<int> Increment();
}

public interface IPreferLocalGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<int> Increment();
}

public interface IHashPlacedGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<int> Increment();
}

/// <summary>Records "activated {key} on {silo}" in <see cref="Gates"/> each time it activates.</summary>
public abstract class PlacementProbeGrain(ILocalSiloDetails silo, Gates gates) : Grain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        gates.Record($"activated {this.GetPrimaryKeyString()} on {silo.SiloAddress}");
        return Task.CompletedTask;
    }

    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<int> Increment() => Task.FromResult(++_count);
}

/// <summary>Random placement: the default, no attribute.</summary>
public sealed class PlacedGrain(ILocalSiloDetails silo, Gates gates) : PlacementProbeGrain(silo, gates), IPlacedGrain;

[PreferLocalPlacement]
public sealed class PreferLocalGrain(ILocalSiloDetails silo, Gates gates) : PlacementProbeGrain(silo, gates), IPreferLocalGrain;

[HashBasedPlacement]
public sealed class HashPlacedGrain(ILocalSiloDetails silo, Gates gates) : PlacementProbeGrain(silo, gates), IHashPlacedGrain;
