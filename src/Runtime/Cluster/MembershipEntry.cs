namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// One silo's row in the membership table. Times are kept to the millisecond; two entries are equal when every field,
/// votes included (in order), is equal.
/// </summary>
public sealed record MembershipEntry
{
    /// <summary>The silo incarnation this row describes; the row's key.</summary>
    public required SiloAddress SiloAddress { get; init; }

    /// <summary>Where the silo is in its life.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>A human name for the silo (its host name, or a name given at start); not unique.</summary>
    public string SiloName { get; init; } = "";

    /// <summary>Where clients connect (<c>host:port</c>), or null for a silo without a gateway.</summary>
    public string? GatewayEndpoint { get; init; }

    /// <summary>The silo's HTTP base address (e.g. <c>http://127.0.0.1:8080</c>), or null without HTTP.</summary>
    public string? HttpEndpoint { get; init; }

    /// <summary>When the silo started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>The silo's last heartbeat, written blind by <see cref="IMembershipTable.UpdateIAmAliveAsync"/>.</summary>
    public DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>Suspicion votes against this silo, oldest first.</summary>
    public IReadOnlyList<SuspicionVote> SuspectTimes { get; init; } = [];

    /// <summary>Compares every field, votes element by element.</summary>
    public bool Equals(MembershipEntry? other) =>
        other is not null
        && SiloAddress == other.SiloAddress
        && Status == other.Status
        && SiloName == other.SiloName
        && GatewayEndpoint == other.GatewayEndpoint
        && HttpEndpoint == other.HttpEndpoint
        && StartTime == other.StartTime
        && IAmAliveTime == other.IAmAliveTime
        && SuspectTimes.SequenceEqual(other.SuspectTimes);

    /// <summary>Hashes the key and status; enough to spread rows, consistent with <see cref="Equals(MembershipEntry)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(SiloAddress, Status);
}
