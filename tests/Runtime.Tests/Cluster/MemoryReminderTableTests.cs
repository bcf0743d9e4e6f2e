using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The reminder table contract on the in-memory store TestCluster uses.</summary>
public sealed class MemoryReminderTableTests : ReminderTableContractTests
{
    private readonly MemoryClusterStore _store = new();

    protected override async Task<IReminderTable> CreateTableAsync(string clusterId)
    {
        var table = new MemoryReminderTable(_store, clusterId);
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }
}
