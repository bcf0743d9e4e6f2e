namespace OrleansBank.Runtime.Persistence;

/// <summary>Event logs in this process, kept serialized so no grain shares objects with the store.</summary>
internal sealed partial class MemoryGrainStorage
{
    private readonly Dictionary<(string Log, GrainId Grain), List<byte[]>> _logs = [];

    public bool GroupCommit => true;

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId)
    {
        byte[][] stored;
        lock (_logs)
        {
            stored = _logs.TryGetValue((logName, grainId), out var log) ? [.. log] : [];
        }

        var events = stored.Select(GrainStateRecord.Deserialize<TEvent>).ToArray();
        return Task.FromResult(new EventLogRead<TEvent>(events, events.Length));
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

            log.AddRange(append.Events);
        }

        // Kept in memory, a commit takes no time worth measuring: its size is what the metric shows.
        metrics?.RecordCommit("memory", append.Events.Length, 0);

        return Task.CompletedTask;
    }
}
