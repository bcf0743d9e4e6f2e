namespace OrleansBank.Runtime;

/// <summary>
/// An event that carries a key (an operation id, a transfer id) the store indexes, so a grain can find old events by
/// key without holding them in memory: see <see cref="IPersistentLog{TEvent}.FindAsync"/>.
/// </summary>
/// <remarks>Implement it explicitly (<c>string? IKeyedEvent.EventKey => OperationId;</c>) so the key is not serialized twice.</remarks>
public interface IKeyedEvent
{
    /// <summary>The key to index the event under; null for none.</summary>
    string? EventKey { get; }
}
