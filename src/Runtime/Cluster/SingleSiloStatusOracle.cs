namespace OrleansBank.Runtime.Cluster;

/// <summary>The status oracle of a silo without membership: nobody has been declared dead.</summary>
internal sealed class SingleSiloStatusOracle : ISiloStatusOracle
{
    public bool IsDead(SiloAddress silo) => false;
}
