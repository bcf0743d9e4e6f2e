namespace OrleansBank.Runtime.Cluster;

/// <summary>Timings of joining, heartbeats and failure detection; defaults detect a killed silo in about 3-4 s.</summary>
/// <remarks>
/// Orleans' defaults, for comparison: heartbeat 30 s, probe every 5 s with a 5 s timeout, 3 missed probes, 2 votes, votes expire
/// after 2 min, table refresh 60 s. Ours are shorter because the store announces changes and silos are few.
/// </remarks>
public sealed class ClusterMembershipOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Cluster:Membership";

    /// <summary>How often a silo writes its heartbeat (a blind write). Default: 2 s.</summary>
    public TimeSpan IAmAliveInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A heartbeat older than this makes a row stale: one failed probe of a stale member is a vote at once, and stale
    /// members do not count towards the majority. Default: 10 s (five heartbeats).
    /// </summary>
    public TimeSpan IAmAliveStaleAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo probes its monitored peers. Default: 1 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe may take before it counts as missed. Default: 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which the prober votes the peer dead. Default: 2.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>How many peers each silo probes, the next ones after it in ring order. Default: 3.</summary>
    public int NumProbedSilos { get; set; } = 3;

    /// <summary>
    /// Fresh votes that declare a silo dead, capped by a majority of the live members (so a cluster of two needs
    /// one). Default: 2.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How long a suspicion vote counts. Default: 20 s.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A full re-read of the table even without a change signal, as a safety net. Default: 10 s.</summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a versioned write is retried after losing a race to another writer. Default: 10.</summary>
    public int MaxWriteAttempts { get; set; } = 10;
}
