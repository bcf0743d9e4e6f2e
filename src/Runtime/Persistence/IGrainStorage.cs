namespace OrleansBank.Runtime;

/// <summary>A store of grain state with ETag optimistic concurrency.</summary>
/// <remarks>Every provider must pass the storage contract suite in tests/Shared/Persistence.</remarks>
public interface IGrainStorage
{
    /// <summary>Loads the state, its ETag and whether a record exists; a missing record leaves State as given.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Stores the state if the stored ETag equals grainState.ETag (null: no record yet), then sets the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs; nothing was written.</exception>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Deletes the record under the same ETag rule as <see cref="WriteStateAsync"/>.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs; nothing was deleted.</exception>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
}
