using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The stores a test opened on the shared server: each is disposed, and its cluster's rows deleted, at the end.</summary>
internal sealed class PostgresClusterTablesScope : IAsyncDisposable
{
    private readonly List<(PostgresClusterTables Tables, string ClusterId)> _opened = [];

    /// <summary>
    /// A store of its own, as another silo would open it. The fallback poll is far beyond any test's deadline by default,
    /// so a test that sees a change saw it through NOTIFY.
    /// </summary>
    public async Task<PostgresClusterTables> OpenAsync(string clusterId, TimeSpan? fallbackPoll = null, TimeSpan? reconnectDelay = null)
    {
        var tables = new PostgresClusterTables(
            new PostgresClusterOptions
            {
                ConnectionString = PostgresServer.ConnectionString,
                ChangeFallbackPollInterval = fallbackPoll ?? TimeSpan.FromHours(1),
                ListenerReconnectDelay = reconnectDelay ?? TimeSpan.FromMilliseconds(50),
            },
            clusterId,
            NullLogger.Instance);
        _opened.Add((tables, clusterId));
        await tables.InitializeAsync(CancellationToken.None);
        return tables;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (tables, clusterId) in _opened)
        {
            await tables.DeleteMembershipTableEntriesAsync(clusterId);
            await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("DELETE FROM cluster_membership_version WHERE cluster_id = @c;", connection);
            drop.Parameters.AddWithValue("c", clusterId);
            await drop.ExecuteNonQueryAsync();
            await tables.DisposeAsync();
        }
    }
}
