using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Metrics;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Grain state in one SQLite file, in WAL mode with full sync: a write returns only once it is on disk. The ETag rules
/// are <see cref="SqlGrainStorage"/>'s: a stale ETag can never match, not even after a clear and re-create.
/// </summary>
internal sealed partial class SqliteGrainStorage(string name, SqliteStorageOptions options, StorageMetrics? metrics = null)
    : SqlGrainStorage(name, metrics, Store), IEventLogStorage, IGrainStorageLifecycle, IAsyncDisposable
{
    // 1: grain_state. 2: event_log. 3: event_log.event_key (indexed) and event_log_snapshot.
    private const int SchemaVersion = 3;

    // The store tag of the storage metrics.
    private const string Store = "sqlite";

    // SQLite has one writer at a time; the other threads serve reads (WAL lets them run beside the write).
    private const int IoThreads = 4;

    // Microsoft.Data.Sqlite is synchronous under its async API: every call blocks its thread for the disk and for
    // other writers' locks, so all of them run here, never on the pool threads that run grain turns.
    private readonly DedicatedThreadScheduler _io = new($"SQLite {name}", IoThreads);

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
    }.ToString();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Guard("open", async () =>
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            await using var connection = await OpenAsync();
            var check = (string?)await Scalar(connection, "PRAGMA quick_check;");
            if (check != "ok")
            {
                throw new GrainStorageException($"Grain storage '{Name}': the SQLite database {options.DatabasePath} is damaged ({check}).");
            }

            var version = Convert.ToInt32(await Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new GrainStorageException(
                    $"Grain storage '{Name}': {options.DatabasePath} has schema version {version}, newer than this silo's {SchemaVersion}: upgrade the silo.");
            }

            await Execute(connection, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS grain_state (
                    state_name TEXT NOT NULL,
                    grain_id   TEXT NOT NULL,
                    data       BLOB NOT NULL,
                    etag       TEXT NOT NULL,
                    PRIMARY KEY (state_name, grain_id)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS event_log (
                    log_name  TEXT    NOT NULL,
                    grain_id  TEXT    NOT NULL,
                    version   INTEGER NOT NULL,
                    data      BLOB    NOT NULL,
                    event_key TEXT
                );
                -- Rows go in arrival order, so a commit fills few table pages; the small unique index finds a log and
                -- refuses a version twice. As a table keyed by (log, grain, version), a commit across 1,000 accounts
                -- dirtied a page of whole rows per account and ran about 25% slower (docs/BENCHMARKS.md).
                CREATE UNIQUE INDEX IF NOT EXISTS event_log_by_grain ON event_log (log_name, grain_id, version);
                """);
            await MigrateEventLogAsync(connection);
            return 0;
        });
    }

    protected override GrainStateSql StateSql { get; } = new(
        Read: "SELECT data, etag FROM grain_state WHERE state_name = @s AND grain_id = @g;",
        Insert: "INSERT INTO grain_state (state_name, grain_id, data, etag) VALUES (@s, @g, @d, @new) ON CONFLICT DO NOTHING;",
        Update: "UPDATE grain_state SET data = @d, etag = @new WHERE state_name = @s AND grain_id = @g AND etag = @old;",
        Delete: "DELETE FROM grain_state WHERE state_name = @s AND grain_id = @g AND etag IS @old;",
        ReadETag: "SELECT etag FROM grain_state WHERE state_name = @s AND grain_id = @g;");

    protected override string Location => $" {options.DatabasePath}";

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task<DbConnection> OpenConnectionAsync() => Task.FromResult<DbConnection>(Open());

    private Task<SqliteConnection> OpenAsync() => Task.FromResult(Open());

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Per connection: FULL makes every commit durable before it returns, so an acknowledged write survives SIGKILL.
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
            // Silos sharing the file wait for each other's write lock in SQLite's own busy handler, which retries within
            // milliseconds; left to the driver's retry, every wait rounded up to a 150 ms step (docs/BENCHMARKS.md).
            command.CommandText = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};";
            command.ExecuteNonQuery();
            if (options.MaxDatabaseSize is { } cap)
            {
                // Pages, not bytes; SQLite keeps the cap at least at the current size.
                command.CommandText = $"PRAGMA max_page_count = {Math.Max(1, cap / 4096)};";
                command.ExecuteNonQuery();
            }
            else
            {
                command.CommandText = "PRAGMA max_page_count = 4294967294;";
                command.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Microsoft.Data.Sqlite blocks under its async API, so every call runs on the SQLite threads.</summary>
    protected override Task<TResult> RunAsync<TResult>(Func<Task<TResult>> action) => _io.Run(action);

    protected override string? Explain(DbException error) => error is SqliteException ex
        ? ex.SqliteErrorCode switch
        {
            5 or 6 => "the database stayed locked by another writer",
            8 => "the database file is read-only",
            10 => "a disk I/O error occurred",
            11 or 26 => "the file is damaged or is not a SQLite database",
            13 => "the disk is full",
            14 => "the database file cannot be opened",
            _ => ex.Message,
        } + $" (SQLite error {ex.SqliteErrorCode})"
        : null;
}
