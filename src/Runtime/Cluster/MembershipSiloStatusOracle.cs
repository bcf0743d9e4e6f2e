namespace OrleansBank.Runtime.Cluster;

/// <summary>Answers liveness questions from the membership service's latest snapshot; never reads the table.</summary>
internal sealed class MembershipSiloStatusOracle(MembershipService membership) : ISiloStatusView, ISiloStatusOracle
{
    public bool IsDead(SiloAddress silo) => membership.Snapshot.IsDead(silo);

    public IReadOnlyList<SiloAddress> ActiveSilos => membership.Snapshot.ActiveSilos;
}
