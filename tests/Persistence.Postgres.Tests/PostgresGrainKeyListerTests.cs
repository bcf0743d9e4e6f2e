using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Postgres.Tests;

/// <summary>The key listing contract on a real PostgreSQL server, in tables of its own.</summary>
public sealed class PostgresGrainKeyListerTests : GrainKeyListerContractTests
{
    private readonly string _table = $"grain_state_test_{Guid.NewGuid():N}";
    private readonly string _logTable = $"event_log_test_{Guid.NewGuid():N}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand(
            $"DROP TABLE IF EXISTS {_table}, {_logTable}; DELETE FROM orleansbank_schema WHERE name IN ('{_table}', '{_logTable}');", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override IGrainStorage CreateStorage()
    {
        var storage = new PostgresGrainStorage("test", new PostgresStorageOptions
        {
            ConnectionString = PostgresServer.ConnectionString,
            TableName = _table,
            EventLogTableName = _logTable,
        });
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }
}
