using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The directory contract against a real PostgreSQL server.</summary>
public sealed class PostgresDirectoryTableTests : DirectoryTableContractTests, IAsyncLifetime
{
    private readonly PostgresClusterTablesScope _scope = new();

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId) => await _scope.OpenAsync(clusterId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _scope.DisposeAsync().AsTask();
}
