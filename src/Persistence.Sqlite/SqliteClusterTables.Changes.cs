using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// The change signal: SQLite cannot tell other processes of a commit, so a waiter reads the one version row every
/// poll interval; a write by this process wakes its waiters at once.
/// </summary>
internal sealed partial class SqliteClusterTables
{
    private TaskCompletionSource _localChange = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<TableVersion> WaitForChangeAsync(TableVersion seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        while (true)
        {
            // Taken before the read, so a local write between the read and the wait still wakes this waiter.
            var local = Volatile.Read(ref _localChange).Task;
            var current = await Run("read the membership version", connection => StoredVersion(connection, null));
            if (current > seen.Version)
            {
                return TableVersion.Stored(current);
            }

            await Task.WhenAny(local, Task.Delay(_options.ChangePollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void SignalLocalChange() =>
        Interlocked.Exchange(ref _localChange, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
