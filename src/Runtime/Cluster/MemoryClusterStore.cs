using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// Membership and directory rows kept in memory, for silos in one process (TestCluster): give every silo of a test
/// cluster the same store. Thread-safe, with the semantics of the SQL stores; lost when the process ends.
/// </summary>
public sealed class MemoryClusterStore
{
    private readonly ConcurrentDictionary<string, MemoryClusterState> _clusters = new(StringComparer.Ordinal);

    internal MemoryClusterState For(string clusterId) => _clusters.GetOrAdd(clusterId, _ => new MemoryClusterState());
}
