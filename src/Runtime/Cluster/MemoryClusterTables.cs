namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The membership table, its change signal and the grain directory of one cluster in a <see cref="MemoryClusterStore"/>.
/// Each operation holds the cluster's lock for its whole check-and-write, which is the atomic step the SQL stores get
/// from a transaction.
/// </summary>
internal sealed class MemoryClusterTables(MemoryClusterStore store, string clusterId)
    : IMembershipTable, IMembershipTableChanges, IGrainDirectoryTable
{
    private readonly MemoryClusterState _state = store.For(clusterId);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<MembershipTableData> ReadAllAsync()
    {
        lock (_state)
        {
            return Task.FromResult(Snapshot(_state.Rows.Values));
        }
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo)
    {
        lock (_state)
        {
            return Task.FromResult(Snapshot(_state.Rows.TryGetValue(silo, out var row) ? [row] : []));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_state)
        {
            if (!VersionMatches(version) || _state.Rows.ContainsKey(entry.SiloAddress))
            {
                return Task.FromResult(false);
            }

            _state.Rows[entry.SiloAddress] = (entry, NewETag());
            _state.Bump();
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_state)
        {
            if (!VersionMatches(version) || !_state.Rows.TryGetValue(entry.SiloAddress, out var row) || row.ETag != etag)
            {
                return Task.FromResult(false);
            }

            _state.Rows[entry.SiloAddress] = (entry, NewETag());
            if (entry.Status == SiloStatus.Dead)
            {
                _state.DropRegistrationsOf(entry.SiloAddress);
            }

            _state.Bump();
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_state)
        {
            if (_state.Rows.TryGetValue(entry.SiloAddress, out var row))
            {
                _state.Rows[entry.SiloAddress] = (row.Entry with { IAmAliveTime = entry.IAmAliveTime }, row.ETag);
            }
        }

        return Task.CompletedTask;
    }

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset before)
    {
        lock (_state)
        {
            var defunct = _state.Rows.Values
                .Where(r => r.Entry.Status != SiloStatus.Active && r.Entry.IAmAliveTime < before)
                .Select(r => r.Entry.SiloAddress)
                .ToList();
            foreach (var silo in defunct)
            {
                _state.Rows.Remove(silo);
                _state.DropRegistrationsOf(silo);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId)
    {
        var state = store.For(clusterId);
        lock (state)
        {
            state.Rows.Clear();
            state.Directory.Clear();
            state.Bump();
        }

        return Task.CompletedTask;
    }

    public async Task<TableVersion> WaitForChangeAsync(TableVersion seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        while (true)
        {
            Task changed;
            lock (_state)
            {
                if (_state.Version > seen.Version)
                {
                    return TableVersion.Stored(_state.Version);
                }

                changed = _state.Changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<GrainRegistration?> RegisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_state)
        {
            if (_state.Directory.TryGetValue(registration.GrainId, out var winner))
            {
                return Task.FromResult<GrainRegistration?>(winner);
            }

            if (!_state.Rows.TryGetValue(registration.Silo, out var row) || row.Entry.Status == SiloStatus.Dead)
            {
                return Task.FromResult<GrainRegistration?>(null);
            }

            _state.Directory[registration.GrainId] = registration;
            return Task.FromResult<GrainRegistration?>(registration);
        }
    }

    public Task<GrainRegistration?> LookupAsync(GrainId grainId)
    {
        lock (_state)
        {
            return Task.FromResult(_state.Directory.GetValueOrDefault(grainId));
        }
    }

    public Task<bool> UnregisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_state)
        {
            return Task.FromResult(
                _state.Directory.TryGetValue(registration.GrainId, out var current)
                && current == registration
                && _state.Directory.Remove(registration.GrainId));
        }
    }

    private bool VersionMatches(TableVersion version) => TableVersion.Stored(_state.Version).ETag == version.ETag;

    private MembershipTableData Snapshot(IEnumerable<(MembershipEntry Entry, string ETag)> rows) => new(
        [.. rows.OrderBy(r => r.Entry.SiloAddress.ToString(), StringComparer.Ordinal)],
        TableVersion.Stored(_state.Version));

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
