namespace OrleansBank.Runtime.Cluster;

/// <summary>What this silo knows of other silos' liveness: silo links refuse a peer it knows to be dead.</summary>
/// <remarks>The single silo's oracle knows of no one dead; membership answers from its table.</remarks>
internal interface ISiloStatusOracle
{
    /// <summary>True when <paramref name="silo"/> (this generation of it) has been declared dead.</summary>
    bool IsDead(SiloAddress silo);
}
