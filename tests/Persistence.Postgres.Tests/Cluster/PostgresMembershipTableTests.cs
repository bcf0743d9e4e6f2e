using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The membership contract against a real PostgreSQL server; changes are seen through LISTEN/NOTIFY alone.</summary>
public sealed class PostgresMembershipTableTests : MembershipTableContractTests, IAsyncLifetime
{
    private readonly PostgresClusterTablesScope _scope = new();

    protected override async Task<IMembershipTable> CreateTableAsync(string clusterId) => await _scope.OpenAsync(clusterId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _scope.DisposeAsync().AsTask();
}
