using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Postgres.Tests;

/// <summary>The contract against a real PostgreSQL server, which scripts/test.sh starts with scripts/postgres-up.sh.</summary>
[Trait("Needs", "postgres")]
public sealed class PostgresGrainStorageTests : GrainStorageContractTests, IAsyncLifetime
{
    private readonly string _table = $"grain_state_test_{Guid.NewGuid():N}";
    private readonly string _logTable = $"event_log_test_{Guid.NewGuid():N}";
    private readonly List<PostgresGrainStorage> _opened = [];

    private static string ConnectionString => PostgresServer.ConnectionString;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_opened.Count == 0)
        {
            return; // this test created nothing
        }

        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {_table}, {_logTable}; DELETE FROM orleansbank_schema WHERE name IN ('{_table}', '{_logTable}');", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Initialize_ServerUnreachable_FailsWithAClearStorageError()
    {
        await using var storage = new PostgresGrainStorage("down", new PostgresStorageOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=3",
        });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("is unreachable", error.Message);
        Assert.Contains("Host=127.0.0.1", error.Message);
    }

    protected override IGrainStorage CreateStorage()
    {
        var storage = new PostgresGrainStorage("test", new PostgresStorageOptions { ConnectionString = ConnectionString, TableName = _table, EventLogTableName = _logTable });
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _opened.Add(storage);
        return storage;
    }
}
