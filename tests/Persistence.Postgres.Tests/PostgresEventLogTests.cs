using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Postgres.Tests;

/// <summary>The event log contract on a real PostgreSQL server; one subclass runs it with group commit, one without.</summary>
public abstract class PostgresEventLogTests(bool groupCommit) : EventLogContractTests
{
    private readonly string _table = $"event_log_test_{Guid.NewGuid():N}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP TABLE IF EXISTS {_table}; DROP TABLE IF EXISTS {_table}_snapshot; DELETE FROM orleansbank_schema WHERE name = '{_table}';", connection);
        await drop.ExecuteNonQueryAsync();
    }

    protected override IEventLogStorage CreateLogStorage()
    {
        var options = new PostgresStorageOptions
        {
            ConnectionString = PostgresServer.ConnectionString,
            EventLogTableName = _table,
            GroupCommit = groupCommit,
        };
        var storage = new PostgresGrainStorage("test", options);
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }
}
