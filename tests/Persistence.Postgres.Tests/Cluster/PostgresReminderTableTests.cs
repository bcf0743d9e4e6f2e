using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The reminder table contract against a real PostgreSQL server; each table opened is a silo of its own.</summary>
public sealed class PostgresReminderTableTests : ReminderTableContractTests, IAsyncLifetime
{
    private readonly List<(PostgresReminderTable Table, string ClusterId)> _opened = [];

    protected override async Task<IReminderTable> CreateTableAsync(string clusterId)
    {
        var table = new PostgresReminderTable(new PostgresClusterOptions { ConnectionString = PostgresServer.ConnectionString }, clusterId);
        _opened.Add((table, clusterId));
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (table, clusterId) in _opened)
        {
            await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM cluster_reminders WHERE cluster_id = @c;", connection);
            delete.Parameters.AddWithValue("c", clusterId);
            await delete.ExecuteNonQueryAsync();
            await table.DisposeAsync();
        }
    }
}
