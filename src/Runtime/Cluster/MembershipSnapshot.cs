namespace OrleansBank.Runtime.Cluster;

/// <summary>One consistent view of the membership table: its version and every row, in ring order.</summary>
public sealed class MembershipSnapshot
{
    /// <summary>Creates a snapshot; the rows are put in ring order (silo address text, ordinal).</summary>
    public MembershipSnapshot(TableVersion version, IEnumerable<MembershipEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entries);
        Version = version;
        Entries = [.. entries.OrderBy(e => e.SiloAddress.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>The view of a silo that has read nothing yet.</summary>
    public static MembershipSnapshot Empty { get; } = new(TableVersion.Initial, []);

    /// <summary>The table version the rows belong to.</summary>
    public TableVersion Version { get; }

    /// <summary>Every row, dead ones included, in ring order.</summary>
    public IReadOnlyList<MembershipEntry> Entries { get; }

    /// <summary>The silos whose row is active, in ring order.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos => [.. With(SiloStatus.Active)];

    /// <summary>The silos whose row is dead.</summary>
    public IReadOnlyList<SiloAddress> DeadSilos => [.. With(SiloStatus.Dead)];

    /// <summary>The row of <paramref name="silo"/>, or null when the table has none.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.SiloAddress == silo);

    /// <summary>True when the row is dead, or a newer generation on the same endpoint has a row (a restart).</summary>
    public bool IsDead(SiloAddress silo) =>
        Find(silo)?.Status == SiloStatus.Dead
        || Entries.Any(e => e.SiloAddress.Endpoint == silo.Endpoint && e.SiloAddress.Generation > silo.Generation);

    private IEnumerable<SiloAddress> With(SiloStatus status) =>
        Entries.Where(e => e.Status == status).Select(e => e.SiloAddress);
}
