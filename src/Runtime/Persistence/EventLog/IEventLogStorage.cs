namespace OrleansBank.Runtime;

/// <summary>
/// An append-only store of grain events: a change costs one small row, not a rewrite of the grain's whole state.
/// Appends carry the version they expect, so a stale writer adds nothing.
/// </summary>
/// <remarks>
/// Every provider must pass the event log contract suite in tests/Shared/Persistence. The members with a default body
/// (ranges, keys, snapshots) work on any provider through <see cref="ReadAsync{TEvent}(string, GrainId)"/>; a
/// provider overrides them to make them cheap (an index, a snapshot table).
/// </remarks>
public interface IEventLogStorage
{
    /// <summary>
    /// True when appends waiting at the same time may share one transaction and one flush to disk (group commit).
    /// False: every event is its own transaction, written and made durable before the next one of that log starts.
    /// </summary>
    bool GroupCommit { get; }

    /// <summary>Reads every event of one grain's log, oldest first; the version is the number of events.</summary>
    /// <exception cref="GrainStorageException">The store is unreachable or the log is damaged.</exception>
    Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId);

    /// <summary>Appends events if the log's version is still <paramref name="expectedVersion"/>; completes once they are durable.</summary>
    /// <exception cref="InconsistentStateException">The log has a different version; nothing was appended.</exception>
    /// <exception cref="GrainStorageException">The store failed; nothing was appended.</exception>
    Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events);

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> events after <paramref name="afterVersion"/>, oldest first; the read's
    /// version is the whole log's, so a caller can tell "nothing after" from "the log is shorter than that".
    /// </summary>
    /// <exception cref="GrainStorageException">The store is unreachable or the log is damaged.</exception>
    async Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId, long afterVersion, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var all = await ReadAsync<TEvent>(logName, grainId);
        var events = all.Events.Skip((int)Math.Min(afterVersion, int.MaxValue)).Take(maxCount).ToArray();
        return new EventLogRead<TEvent>(events, all.Version, Math.Min(afterVersion, all.Version));
    }

    /// <summary>The events whose <see cref="IKeyedEvent.EventKey"/> is <paramref name="key"/>, oldest first, with their versions.</summary>
    /// <exception cref="GrainStorageException">The store is unreachable or the log is damaged.</exception>
    async Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync<TEvent>(string logName, GrainId grainId, string key)
    {
        var all = await ReadAsync<TEvent>(logName, grainId);
        return all.Events
            .Select((e, i) => new VersionedEvent<TEvent>(i + 1, e))
            .Where(v => v.Event is IKeyedEvent keyed && keyed.EventKey == key)
            .ToArray();
    }

    /// <summary>Records the index keys of rows that were stored without one (before the store had the column).</summary>
    Task IndexKeysAsync(string logName, GrainId grainId, IReadOnlyList<VersionedKey> keys) => Task.CompletedTask;

    /// <summary>The latest snapshot stored for the log, or null; the runtime checks it before trusting it.</summary>
    Task<EventLogSnapshot?> ReadSnapshotAsync(string logName, GrainId grainId) => Task.FromResult<EventLogSnapshot?>(null);

    /// <summary>
    /// Stores a snapshot of the log at <paramref name="version"/> unless one at that version or later is stored: a
    /// snapshot never goes back. A store without snapshots ignores it (activations then replay the whole log).
    /// </summary>
    Task WriteSnapshotAsync(string logName, GrainId grainId, long version, byte[] data) => Task.CompletedTask;
}
