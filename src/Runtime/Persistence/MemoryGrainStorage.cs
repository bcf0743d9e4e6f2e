namespace OrleansBank.Runtime.Persistence;

/// <summary>Keeps grain state in this process, as serialized copies so no grain shares objects with the store.</summary>
/// <param name="metrics">Where event-log commits are recorded; null records nothing.</param>
internal sealed partial class MemoryGrainStorage(Metrics.StorageMetrics? metrics = null) : IGrainStorage, IEventLogStorage
{
    private readonly Dictionary<(string State, GrainId Grain), (byte[] Data, long Version)> _records = [];
    private long _nextVersion;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_records)
        {
            if (_records.TryGetValue((stateName, grainId), out var record))
            {
                GrainStateRecord.Found(grainState, record.Data, ETag(record.Version));
            }
            else
            {
                GrainStateRecord.Absent(grainState);
            }
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = GrainStateRecord.Serialize(grainState.State);
        lock (_records)
        {
            CheckETag(stateName, grainId, grainState.ETag, "write");
            var version = ++_nextVersion;
            _records[(stateName, grainId)] = (data, version);
            GrainStateRecord.Stored(grainState, ETag(version));
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_records)
        {
            CheckETag(stateName, grainId, grainState.ETag, "clear");
            _records.Remove((stateName, grainId));
            GrainStateRecord.Absent(grainState);
        }

        return Task.CompletedTask;
    }

    private void CheckETag(string stateName, GrainId grainId, string? etag, string operation)
    {
        var stored = _records.TryGetValue((stateName, grainId), out var record) ? ETag(record.Version) : null;
        if (stored != etag)
        {
            throw new InconsistentStateException(
                $"Refused to {operation} state '{stateName}' of {grainId}: it was changed since it was read.", stored, etag);
        }
    }

    private static string ETag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
