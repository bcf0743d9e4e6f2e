using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Metrics;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Grain state in PostgreSQL, for silos that share a store (the ETag rules are <see cref="SqlGrainStorage"/>'s). A write
/// returns once PostgreSQL has committed it.
/// </summary>
internal sealed partial class PostgresGrainStorage : SqlGrainStorage, IEventLogStorage, IGrainStorageLifecycle, IAsyncDisposable
{
    private const int SchemaVersion = 1;

    // 2: event_key (indexed) and the snapshot table.
    private const int LogSchemaVersion = 2;

    // The store tag of the storage metrics.
    private const string Store = "postgres";

    private readonly StorageMetrics? _metrics;

    private readonly string _table;
    private readonly string _logTable;
    private readonly string _snapshotTable;
    private readonly PostgresStorageOptions _options;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStorage(string name, PostgresStorageOptions options, StorageMetrics? metrics = null)
        : base(name, metrics, Store)
    {
        _metrics = metrics;
        _options = options;
        _table = PlainTableName(options.TableName);
        _logTable = PlainTableName(options.EventLogTableName);
        _snapshotTable = PlainTableName($"{options.EventLogTableName}_snapshot");
        const string Where = "state_name = @s AND grain_id = @g";
        StateSql = new GrainStateSql(
            Read: $"SELECT data, etag FROM {_table} WHERE {Where};",
            Insert: $"INSERT INTO {_table} (state_name, grain_id, data, etag) VALUES (@s, @g, @d, @new) ON CONFLICT DO NOTHING;",
            Update: $"UPDATE {_table} SET data = @d, etag = @new WHERE {Where} AND etag = @old;",
            Delete: $"DELETE FROM {_table} WHERE {Where} AND etag IS NOT DISTINCT FROM @old;",
            ReadETag: $"SELECT etag FROM {_table} WHERE {Where};");
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
        foreach (var (table, current) in new[] { (_table, SchemaVersion), (_logTable, LogSchemaVersion) })
        {
            await using var check = new NpgsqlCommand("SELECT version FROM orleansbank_schema WHERE name = @t;", connection);
            check.Parameters.AddWithValue("t", table);
            var version = (int)(await check.ExecuteScalarAsync(cancellationToken))!;
            if (version > current)
            {
                throw new GrainStorageException(
                    $"Grain storage '{Name}': table {table} has schema version {version}, newer than this silo's {current}: upgrade the silo.");
            }
        }

        await Execute(connection, MigrateEventLogSql());

        await transaction.CommitAsync(cancellationToken);
        return 0;
    });

    protected override GrainStateSql StateSql { get; }

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

    protected override async Task<DbConnection> OpenConnectionAsync() => await _dataSource.OpenConnectionAsync();

    /// <summary>Turns Npgsql's errors into a few words naming the server; the silo recovers by itself when the server is back.</summary>
    protected override string? Explain(DbException error) => error switch
    {
        PostgresException ex => $"PostgreSQL said {ex.SqlState}: {ex.MessageText}",
        NpgsqlException ex => $"PostgreSQL at {Server} is unreachable ({ex.Message})",
        _ => null,
    };
}
