namespace OrleansBank.Runtime;

/// <summary>
/// An append-only store of grain events: a change costs one small row, not a rewrite of the grain's whole state.
/// Appends carry the version they expect, so a stale writer adds nothing.
/// </summary>
/// <remarks>Every provider must pass the event log contract suite in tests/Shared/Persistence.</remarks>
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
}
