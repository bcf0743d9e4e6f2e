namespace OrleansBank.Runtime.Persistence;

/// <summary>The runtime's <see cref="IPersistentState{T}"/>: state of one grain, bound to one storage provider.</summary>
internal sealed class PersistentState<T>(string stateName, GrainId grainId, IGrainStorage storage)
    : IPersistentState<T>, IActivationStateLoader
    where T : new()
{
    public T State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        // A missing record means a fresh state, not whatever this instance held before.
        State = new T();
        return storage.ReadStateAsync(stateName, grainId, this);
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        storage.WriteStateAsync(stateName, grainId, this);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearStateAsync(stateName, grainId, this);
        State = new T();
    }

    Task IActivationStateLoader.LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);
}
