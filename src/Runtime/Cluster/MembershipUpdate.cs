namespace OrleansBank.Runtime.Cluster;

/// <summary>A new membership snapshot, with the silos that became active and dead since the one before.</summary>
public sealed record MembershipUpdate(
    MembershipSnapshot Snapshot,
    IReadOnlyList<SiloAddress> BecameActive,
    IReadOnlyList<SiloAddress> BecameDead)
{
    /// <summary>Compares two snapshots of one table.</summary>
    public static MembershipUpdate Between(MembershipSnapshot before, MembershipSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new(
            after,
            [.. after.ActiveSilos.Where(s => before.Find(s)?.Status != SiloStatus.Active)],
            [.. after.DeadSilos.Where(s => before.Find(s)?.Status != SiloStatus.Dead)]);
    }

    /// <summary>True when no silo changed between active and dead.</summary>
    public bool IsEmpty => BecameActive.Count == 0 && BecameDead.Count == 0;
}
