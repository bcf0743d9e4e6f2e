namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The failure detector's arithmetic, apart from any I/O: who a silo probes, when a row is stale, which votes are
/// fresh, and how many votes declare a silo dead.
/// </summary>
internal static class SuspicionRule
{
    /// <summary>
    /// The next <paramref name="count"/> silos after <paramref name="self"/> in ring order among the active and
    /// shutting-down rows; joining rows are left to the cold-start check, as they may not listen yet.
    /// </summary>
    public static IReadOnlyList<SiloAddress> ProbeTargets(MembershipSnapshot snapshot, SiloAddress self, int count)
    {
        var ring = snapshot.Entries
            .Where(e => e.Status is SiloStatus.Active or SiloStatus.ShuttingDown || e.SiloAddress == self)
            .Select(e => e.SiloAddress)
            .Append(self)
            .Distinct()
            .OrderBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        var at = ring.IndexOf(self);
        return [.. Enumerable.Range(1, ring.Count - 1).Select(i => ring[(at + i) % ring.Count]).Take(count)];
    }

    /// <summary>True when the row's last heartbeat is at least <see cref="ClusterMembershipOptions.IAmAliveStaleAfter"/> old.</summary>
    public static bool IsStale(MembershipEntry entry, DateTimeOffset now, ClusterMembershipOptions options) =>
        now - entry.IAmAliveTime >= options.IAmAliveStaleAfter;

    /// <summary>The votes on <paramref name="entry"/> younger than the expiration, less any earlier vote of <paramref name="voter"/>.</summary>
    public static IReadOnlyList<SuspicionVote> FreshVotesOfOthers(
        MembershipEntry entry, SiloAddress voter, DateTimeOffset now, ClusterMembershipOptions options) =>
        [.. entry.SuspectTimes.Where(v => v.Voter != voter && now - v.Time < options.VoteExpiration)];

    /// <summary>
    /// min(<see cref="ClusterMembershipOptions.NumVotesForDeathDeclaration"/>, majority of the live members), where
    /// the live members are the active rows with a fresh heartbeat, plus the suspect and the voter themselves. Stale
    /// rows do not count, so a silo joining after a full crash is a majority of one with its suspect and needs no
    /// second voter that will never come.
    /// </summary>
    public static int VotesNeeded(
        MembershipTableData data, SiloAddress voter, SiloAddress suspect, DateTimeOffset now, ClusterMembershipOptions options)
    {
        var live = data.Rows
            .Select(r => r.Entry)
            .Where(e => e.Status == SiloStatus.Active && !IsStale(e, now, options))
            .Select(e => e.SiloAddress)
            .Append(voter)
            .Append(suspect)
            .Distinct()
            .Count();
        return Math.Min(options.NumVotesForDeathDeclaration, (live + 1) / 2);
    }
}
