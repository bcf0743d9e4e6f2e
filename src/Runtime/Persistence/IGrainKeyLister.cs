namespace OrleansBank.Runtime;

/// <summary>
/// Lists the grains of one type that a store holds anything for (state or an event log), whether or not they are
/// active: the only way to enumerate grains, since the runtime knows only those in memory.
/// </summary>
/// <remarks>Every provider that implements it must pass the listing contract suite in tests/Shared/Persistence.</remarks>
public interface IGrainKeyLister
{
    /// <summary>
    /// Up to <paramref name="limit"/> (1 or more) keys of grains of <paramref name="grainType"/> that start with
    /// <paramref name="prefix"/> and come after <paramref name="after"/> (if given), in ordinal order, each once.
    /// Page by passing the last key returned as <paramref name="after"/>.
    /// </summary>
    /// <exception cref="GrainStorageException">The store failed.</exception>
    Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string prefix, string? after, int limit);
}
