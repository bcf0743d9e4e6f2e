namespace OrleansBank.Runtime;

/// <summary>
/// A grain's append-only event log, injected into its constructor with <see cref="PersistentLogAttribute"/>.
/// The grain applies an event to its memory and appends it in the same turn; the runtime holds every reply of the
/// activation until everything appended up to the end of that request's turn is durable. So a turn never waits for
/// the disk, the next request starts at once, and appends of many requests share one write (group commit).
/// </summary>
/// <remarks>
/// If a write fails, it and every later append fail with the store's error, the replies waiting on them carry it,
/// and the activation is deactivated so the next call starts from what the store holds.
/// </remarks>
/// <typeparam name="TEvent">The event type, serializable as JSON.</typeparam>
public interface IPersistentLog<TEvent>
{
    /// <summary>The number of events including those not yet durable.</summary>
    long Version { get; }

    /// <summary>The number of events known to be durable.</summary>
    long ConfirmedVersion { get; }

    /// <summary>Applies, oldest first, the events stored before this activation, then lets them go.</summary>
    /// <exception cref="InvalidOperationException">The log has a snapshot: replay it with <see cref="ReplayAsync"/>.</exception>
    void Replay(Action<TEvent> apply);

    /// <summary>
    /// Like <see cref="Replay"/>, through a snapshot: hands the latest usable snapshot to <paramref name="restore"/>
    /// (none for a new log, a damaged snapshot, or one that claims events the log does not have), then applies only the
    /// events after it. From then on, every <see cref="EventLogOptions.SnapshotEvery"/> events, <see cref="Append"/>
    /// calls <paramref name="capture"/> before it counts its event, so capture must reflect every earlier append; the
    /// snapshot is stored once those events are durable, apart from the appends (a failed write is only logged).
    /// </summary>
    /// <typeparam name="TSnapshot">The grain's snapshot type, serializable as JSON.</typeparam>
    Task ReplayAsync<TSnapshot>(Action<TSnapshot> restore, Action<TEvent> apply, Func<TSnapshot> capture);

    /// <summary>
    /// The events whose <see cref="IKeyedEvent.EventKey"/> is <paramref name="key"/>, oldest first, including those
    /// not yet durable: the store's key index answers for what the grain no longer keeps in memory.
    /// </summary>
    /// <exception cref="GrainStorageException">The store failed.</exception>
    Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync(string key);

    /// <summary>Up to <paramref name="maxCount"/> events after <paramref name="afterVersion"/>, oldest first, including those not yet durable.</summary>
    /// <exception cref="GrainStorageException">The store failed.</exception>
    Task<IReadOnlyList<TEvent>> ReadAsync(long afterVersion, int maxCount);

    /// <summary>Queues an event; the task completes once it is durable. Awaiting it is optional: replies wait anyway.</summary>
    /// <exception cref="GrainStorageException">An earlier append of this activation failed; the event was not queued.</exception>
    Task Append(TEvent @event);
}
