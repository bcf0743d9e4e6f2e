using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>The membership contract on the SQLite store.</summary>
public sealed class SqliteMembershipTableTests : MembershipTableContractTests, IAsyncLifetime
{
    private readonly SqliteClusterTablesFolder _folder = new();

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId) => await _folder.OpenAsync(clusterId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _folder.DisposeAsync().AsTask();
}
