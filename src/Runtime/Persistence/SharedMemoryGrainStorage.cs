using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Memory grain storage shared by the silos of one process (a test cluster registers one instance in every silo): a
/// provider name maps to one store, so a grain's state survives its move to another silo, as with a database.
/// </summary>
internal sealed class SharedMemoryGrainStorage
{
    private readonly ConcurrentDictionary<string, MemoryGrainStorage> _stores = new(StringComparer.Ordinal);

    public MemoryGrainStorage For(string name) => _stores.GetOrAdd(name, _ => new MemoryGrainStorage());
}
