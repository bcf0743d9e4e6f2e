namespace OrleansBank.Runtime.Cluster;

/// <summary>One consistent view of the membership table: its version and every row, in ring order.</summary>
public sealed class MembershipSnapshot
{
    // Indexed once, since every call through a cached location asks IsDead.
    private readonly Dictionary<SiloAddress, MembershipEntry> _rows = [];
    private readonly Dictionary<(string Host, int Port), long> _newestGeneration = [];

    /// <summary>Creates a snapshot; the rows are put in ring order (silo address text, ordinal).</summary>
    public MembershipSnapshot(TableVersion version, IEnumerable<MembershipEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entries);
        Version = version;
        Entries = [.. entries.OrderBy(e => e.SiloAddress.ToString(), StringComparer.Ordinal)];
        foreach (var entry in Entries)
        {
            var silo = entry.SiloAddress;
            _rows.TryAdd(silo, entry);
            if (!_newestGeneration.TryGetValue((silo.Host, silo.Port), out var newest) || silo.Generation > newest)
            {
                _newestGeneration[(silo.Host, silo.Port)] = silo.Generation;
            }
        }
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
    public MembershipEntry? Find(SiloAddress silo) => _rows.GetValueOrDefault(silo);

    /// <summary>True when the row is dead, or a newer generation on the same endpoint has a row (a restart).</summary>
    public bool IsDead(SiloAddress silo) =>
        Find(silo)?.Status == SiloStatus.Dead
        || (_newestGeneration.TryGetValue((silo.Host, silo.Port), out var newest) && newest > silo.Generation);

    private IEnumerable<SiloAddress> With(SiloStatus status) =>
        Entries.Where(e => e.Status == status).Select(e => e.SiloAddress);
}
