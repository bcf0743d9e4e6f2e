namespace OrleansBank.Runtime.Persistence;

/// <summary>Event logs and their snapshots in this process, kept serialized so no grain shares objects with the store.</summary>
internal sealed partial class MemoryGrainStorage
{
    private readonly Dictionary<(string Log, GrainId Grain), List<(byte[] Data, string? Key)>> _logs = [];
    private readonly Dictionary<(string Log, GrainId Grain), EventLogSnapshot> _snapshots = [];

    public bool GroupCommit => true;

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => ReadAsync<TEvent>(logName, grainId, 0, int.MaxValue);

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId, long afterVersion, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        byte[][] stored;
        long head;
        lock (_logs)
        {
            var log = _logs.GetValueOrDefault((logName, grainId)) ?? [];
            head = log.Count;
            var start = (int)Math.Min(afterVersion, log.Count);
            stored = [.. log.Skip(start).Take(maxCount).Select(r => r.Data)];
            afterVersion = start;
        }

        var events = stored.Select(GrainStateRecord.Deserialize<TEvent>).ToArray();
        return Task.FromResult(new EventLogRead<TEvent>(events, head, afterVersion));
    }

    public Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync<TEvent>(string logName, GrainId grainId, string key)
    {
        List<(long Version, byte[] Data)> found = [];
        lock (_logs)
        {
            var log = _logs.GetValueOrDefault((logName, grainId)) ?? [];
            for (var i = 0; i < log.Count; i++)
            {
                if (log[i].Key == key)
                {
                    found.Add((i + 1, log[i].Data));
                }
            }
        }

        IReadOnlyList<VersionedEvent<TEvent>> events = [.. found.Select(f => new VersionedEvent<TEvent>(f.Version, GrainStateRecord.Deserialize<TEvent>(f.Data)))];
        return Task.FromResult(events);
    }

    public Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        var append = PendingAppend.Create(logName, grainId, expectedVersion, events);
        lock (_logs)
        {
            if (!_logs.TryGetValue((logName, grainId), out var log))
            {
                log = _logs[(logName, grainId)] = [];
            }

            if (log.Count != expectedVersion)
            {
                return Task.FromException(append.Conflict("memory", log.Count));
            }

            log.AddRange(append.Events.Zip(append.Keys));
        }

        // Kept in memory, a commit takes no time worth measuring: its size is what the metric shows.
        metrics?.RecordCommit("memory", append.Events.Length, 0);

        return Task.CompletedTask;
    }

    public Task<EventLogSnapshot?> ReadSnapshotAsync(string logName, GrainId grainId)
    {
        lock (_snapshots)
        {
            return Task.FromResult(_snapshots.GetValueOrDefault((logName, grainId)));
        }
    }

    public Task WriteSnapshotAsync(string logName, GrainId grainId, long version, byte[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        lock (_snapshots)
        {
            if (_snapshots.GetValueOrDefault((logName, grainId)) is not { } stored || stored.Version <= version)
            {
                _snapshots[(logName, grainId)] = new EventLogSnapshot(version, [.. data]);
            }
        }

        return Task.CompletedTask;
    }
}
