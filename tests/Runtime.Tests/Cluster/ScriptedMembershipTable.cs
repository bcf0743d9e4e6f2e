using System.Collections.Concurrent;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>
/// A membership table in front of the memory store that records every versioned write that succeeded (silo, status)
/// and can hold the first row updates until all of them have arrived, to force writers to act on the same read.
/// </summary>
internal sealed class ScriptedMembershipTable(IMembershipTable inner) : IMembershipTable
{
    public ConcurrentQueue<(SiloAddress Silo, SiloStatus Status)> Writes { get; } = new();

    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _toHold;
    private int _arrived;

    /// <summary>The next <paramref name="count"/> row updates wait for each other before writing; later ones pass.</summary>
    public void HoldUpdatesUntil(int count) => _toHold = count;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<MembershipTableData> ReadAllAsync() => inner.ReadAllAsync();

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo) => inner.ReadRowAsync(silo);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        var inserted = await inner.InsertRowAsync(entry, version);
        if (inserted)
        {
            Writes.Enqueue((entry.SiloAddress, entry.Status));
        }

        return inserted;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        if (_toHold > 0)
        {
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived == _toHold)
            {
                _allArrived.TrySetResult();
            }

            if (arrived <= _toHold)
            {
                await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        var updated = await inner.UpdateRowAsync(entry, etag, version);
        if (updated)
        {
            Writes.Enqueue((entry.SiloAddress, entry.Status));
        }

        return updated;
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry) => inner.UpdateIAmAliveAsync(entry);

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset before) => inner.CleanupDefunctSiloEntriesAsync(before);

    public Task DeleteMembershipTableEntriesAsync(string clusterId) => inner.DeleteMembershipTableEntriesAsync(clusterId);
}
