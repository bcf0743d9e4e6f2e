namespace OrleansBank.Silo.Dashboard;

/// <summary>What the "OrleansBank" meter told this silo, totals since it started, read at one moment.</summary>
/// <param name="Methods">Per grain method: calls, errors, durations.</param>
/// <param name="CommitBatches">Group commits written.</param>
/// <param name="CommittedEvents">Events in those commits.</param>
/// <param name="CommitDurations">Commit duration bucket counts.</param>
/// <param name="TransfersPending">Transfers in flight whose grain is active on this silo now.</param>
/// <param name="OldestPendingSeconds">Age of the oldest of them in seconds (0 when none).</param>
internal sealed record SiloMetrics(
    IReadOnlyList<MethodCounters> Methods,
    long CommitBatches,
    long CommittedEvents,
    long[] CommitDurations,
    long TransfersPending,
    double OldestPendingSeconds);
