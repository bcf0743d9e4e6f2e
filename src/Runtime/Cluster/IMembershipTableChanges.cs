namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// Tells a silo when the membership table's version moves, so it re-reads at once instead of on a slow timer.
/// PostgreSQL is told by LISTEN/NOTIFY; SQLite polls its version row (a one-row read); memory signals directly.
/// </summary>
public interface IMembershipTableChanges
{
    /// <summary>
    /// Returns the table version as soon as it is newer than <paramref name="seen"/> (at once if it already is). Asking
    /// with the version of the last read loses no change, however late the call comes.
    /// </summary>
    Task<TableVersion> WaitForChangeAsync(TableVersion seen, CancellationToken cancellationToken);
}
