namespace OrleansBank.Runtime.Cluster;

/// <summary>What this silo believes about the others' liveness, from its membership snapshot.</summary>
public interface ISiloStatusView
{
    /// <summary>True when the table calls <paramref name="silo"/> dead, or a newer generation took its endpoint.</summary>
    bool IsDead(SiloAddress silo);

    /// <summary>The silos the table calls active, in ring order.</summary>
    IReadOnlyList<SiloAddress> ActiveSilos { get; }
}
