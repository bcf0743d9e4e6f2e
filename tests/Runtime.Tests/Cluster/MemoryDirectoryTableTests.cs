using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The directory contract on the in-memory store TestCluster uses.</summary>
public sealed class MemoryDirectoryTableTests : DirectoryTableContractTests
{
    private readonly MemoryClusterStore _store = new();

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId)
    {
        var table = new MemoryClusterTables(_store, clusterId);
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }
}
