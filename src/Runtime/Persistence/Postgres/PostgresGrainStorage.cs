using System.Text.RegularExpressions;
using Npgsql;

namespace OrleansBank.Runtime.Persistence.Postgres;

/// <summary>
/// Grain state in PostgreSQL, for silos that share a store. Writes are single statements guarded by the ETag, so a
/// stale writer changes nothing; ETags are fresh random tokens. A write returns once PostgreSQL has committed it.
/// </summary>
internal sealed partial class PostgresGrainStorage : IGrainStorage, IEventLogStorage, IGrainStorageLifecycle, IAsyncDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _name;
    private readonly string _table;
    private readonly string _logTable;
    private readonly PostgresStorageOptions _options;
    private readonly string _where;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStorage(string name, PostgresStorageOptions options)
    {
        _name = name;
        _options = options;
        _table = PlainTableName(options.TableName);
        _logTable = PlainTableName(options.EventLogTableName);
        _where = "state_name = @s AND grain_id = @g";
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (!ContainsPoolSize(options.ConnectionString))
            {
                // Npgsql's default of 100 is PostgreSQL's whole default max_connections: 1,000 grains activating at
                // once would take every slot. With fewer, calls queue for a connection instead of being refused.
                connection.MaxPoolSize = options.MaxConnections;
            }

            _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new GrainStorageException($"Grain storage '{name}': the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        Server = $"{_dataSource.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)) ?? "PostgreSQL"}";
    }

    private string Server { get; }

    public Task InitializeAsync(CancellationToken cancellationToken) => Guard("prepare", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One silo at a time creates or checks the schema, so silos starting together do not race.
        await Execute(connection, "SELECT pg_advisory_xact_lock(727172);");
        await Execute(connection, $"""
            CREATE TABLE IF NOT EXISTS orleansbank_schema (name text PRIMARY KEY, version int NOT NULL);
            CREATE TABLE IF NOT EXISTS {_table} (
                state_name text NOT NULL,
                grain_id   text NOT NULL,
                data       bytea NOT NULL,
                etag       text NOT NULL,
                PRIMARY KEY (state_name, grain_id));
            CREATE TABLE IF NOT EXISTS {_logTable} (
                log_name text   NOT NULL,
                grain_id text   NOT NULL,
                version  bigint NOT NULL,
                data     bytea  NOT NULL,
                PRIMARY KEY (log_name, grain_id, version));
            INSERT INTO orleansbank_schema (name, version) VALUES ('{_table}', {SchemaVersion}), ('{_logTable}', {SchemaVersion})
                ON CONFLICT (name) DO NOTHING;
            """);
        foreach (var table in new[] { _table, _logTable })
        {
            await using var check = new NpgsqlCommand("SELECT version FROM orleansbank_schema WHERE name = @t;", connection);
            check.Parameters.AddWithValue("t", table);
            var version = (int)(await check.ExecuteScalarAsync(cancellationToken))!;
            if (version > SchemaVersion)
            {
                throw new GrainStorageException(
                    $"Grain storage '{_name}': table {table} has schema version {version}, newer than this silo's {SchemaVersion}: upgrade the silo.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return 0;
    });

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("read", async () =>
    {
        await using var command = Command($"SELECT data, etag FROM {_table} WHERE {_where};", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        await StoredRecord.ReadAsync(reader, grainState);
        return 0;
    });

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("write", async () =>
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var command = grainState.ETag is null
            ? Command($"INSERT INTO {_table} (state_name, grain_id, data, etag) VALUES (@s, @g, @d, @new) ON CONFLICT DO NOTHING;", stateName, grainId)
            : Command($"UPDATE {_table} SET data = @d, etag = @new WHERE {_where} AND etag = @old;", stateName, grainId);
        command.Parameters.AddWithValue("d", StoredRecord.Serialize(grainState.State));
        command.Parameters.AddWithValue("new", etag);
        command.Parameters.AddWithValue("old", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            await ThrowIfConflict("write", stateName, grainId, grainState.ETag, alwaysConflict: true);
        }

        StoredRecord.Stored(grainState, etag);
        return 0;
    });

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("clear", async () =>
    {
        await using var command = Command($"DELETE FROM {_table} WHERE {_where} AND etag IS NOT DISTINCT FROM @old;", stateName, grainId);
        command.Parameters.AddWithValue("old", NpgsqlTypes.NpgsqlDbType.Text, (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            await ThrowIfConflict("clear", stateName, grainId, grainState.ETag);
        }

        StoredRecord.Absent(grainState);
        return 0;
    });

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }

    private static bool ContainsPoolSize(string connectionString) =>
        connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase);

    private static string PlainTableName(string table) => TableName().IsMatch(table)
        ? table
        : throw new ArgumentException($"'{table}' is not a plain table name (letters, digits, underscores).", nameof(table));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex TableName();

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, string stateName, GrainId grainId)
    {
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("s", stateName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        return command;
    }

    /// <summary>Nothing changed: that is a conflict unless the store agrees with the caller (clearing what is not there).</summary>
    private async Task ThrowIfConflict(string operation, string stateName, GrainId grainId, string? etag, bool alwaysConflict = false)
    {
        await using var command = Command($"SELECT etag FROM {_table} WHERE {_where};", stateName, grainId);
        var stored = (string?)await command.ExecuteScalarAsync();
        if (alwaysConflict || stored != etag)
        {
            throw StoredRecord.Conflict(_name, operation, stateName, grainId, stored, etag);
        }
    }

    /// <summary>Turns Npgsql's errors into one sentence naming the store; the silo recovers by itself when the server is back.</summary>
    private async Task<TResult> Guard<TResult>(string operation, Func<Task<TResult>> action)
    {
        try
        {
            return await action();
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new GrainStorageException($"Grain storage '{_name}' could not {operation}: PostgreSQL at {Server} is unreachable ({ex.Message}).", ex);
        }
        catch (PostgresException ex)
        {
            throw new GrainStorageException($"Grain storage '{_name}' could not {operation}: PostgreSQL said {ex.SqlState}: {ex.MessageText}.", ex);
        }
    }
}
