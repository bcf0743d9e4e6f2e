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
    void Replay(Action<TEvent> apply);

    /// <summary>Queues an event; the task completes once it is durable. Awaiting it is optional: replies wait anyway.</summary>
    /// <exception cref="GrainStorageException">An earlier append of this activation failed; the event was not queued.</exception>
    Task Append(TEvent @event);
}
