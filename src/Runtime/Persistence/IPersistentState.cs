namespace OrleansBank.Runtime;

/// <summary>A grain's durable state, injected into its constructor with <see cref="PersistentStateAttribute"/>.</summary>
/// <remarks>It is read before OnActivateAsync. A write with a stale ETag fails and overwrites nothing.</remarks>
public interface IPersistentState<T> : IGrainState<T>
{
    /// <summary>Reloads the state from storage, replacing <see cref="IGrainState{T}.State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; completes only once the store has it. Throws <see cref="InconsistentStateException"/> on a stale ETag.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets the state to a new value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
