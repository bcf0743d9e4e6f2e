using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Membership and the grain directory in one SQLite file that the silo processes of one machine share. WAL lets
/// readers run beside the one writer; every versioned write runs under BEGIN IMMEDIATE, so its version check and its
/// write hold the file's write lock together, across processes.
/// </summary>
internal sealed partial class SqliteClusterTables : IMembershipTable, IMembershipTableChanges, IGrainDirectoryTable, IAsyncDisposable
{
    // 1: membership_version, membership, grain_directory.
    private const int SchemaVersion = 1;

    private readonly SqliteClusterOptions _options;
    private readonly string _clusterId;
    private readonly string _connectionString;

    // Microsoft.Data.Sqlite blocks under its async API, and a write may wait on another process's lock: never on the pool.
    private readonly DedicatedThreadScheduler _io;

    public SqliteClusterTables(SqliteClusterOptions options, string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        _options = options;
        _clusterId = clusterId;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
        _io = new DedicatedThreadScheduler($"SQLite cluster {clusterId}", 2);
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        return Run("create the schema", connection =>
        {
            Execute(connection, null, "PRAGMA journal_mode = WAL;");
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new ClusterTableException(
                    $"Cluster tables: {_options.DatabasePath} has schema version {version}, newer than this silo's {SchemaVersion}: upgrade the silo.");
            }

            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS membership_version (
                    cluster_id TEXT    NOT NULL PRIMARY KEY,
                    version    INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS membership (
                    cluster_id    TEXT    NOT NULL,
                    silo          TEXT    NOT NULL,
                    status        INTEGER NOT NULL,
                    silo_name     TEXT    NOT NULL,
                    gateway       TEXT,
                    http          TEXT,
                    start_time    INTEGER NOT NULL,
                    i_am_alive    INTEGER NOT NULL,
                    suspect_times TEXT    NOT NULL,
                    etag          TEXT    NOT NULL,
                    PRIMARY KEY (cluster_id, silo)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS grain_directory (
                    cluster_id    TEXT NOT NULL,
                    grain_type    TEXT NOT NULL,
                    grain_key     TEXT NOT NULL,
                    silo          TEXT NOT NULL,
                    activation_id TEXT NOT NULL,
                    PRIMARY KEY (cluster_id, grain_type, grain_key)
                ) WITHOUT ROWID;
                -- Declaring a silo dead deletes its registrations in the same transaction: find them without a scan.
                CREATE INDEX IF NOT EXISTS grain_directory_by_silo ON grain_directory (cluster_id, silo);
                PRAGMA user_version = 1;
                """);
            Execute(connection, transaction, "INSERT INTO membership_version (cluster_id, version) VALUES ($c, 0) ON CONFLICT DO NOTHING;", ("$c", _clusterId));
            transaction.Commit();
            return 0;
        });
    }

    public ValueTask DisposeAsync()
    {
        _io.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs <paramref name="work"/> on a fresh pooled connection on the SQLite threads; driver errors become a <see cref="ClusterTableException"/>.</summary>
    private Task<T> Run<T>(string doing, Func<SqliteConnection, T> work) => _io.Run(() =>
    {
        try
        {
            using var connection = Open();
            return Task.FromResult(work(connection));
        }
        catch (SqliteException ex)
        {
            throw new ClusterTableException($"Cluster tables in {_options.DatabasePath}: could not {doing}: {Explain(ex)}.", ex);
        }
    });

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // NORMAL in WAL mode survives a process crash; only power loss can drop the last commits, and it takes every
            // silo of this machine with it, so no silo is left to act on a lost membership or directory row.
            Execute(connection, null, "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private static string Explain(SqliteException error) => error.SqliteErrorCode switch
    {
        5 or 6 => "the database stayed locked by another writer",
        8 => "the database file is read-only",
        10 => "a disk I/O error occurred",
        11 or 26 => "the file is damaged or is not a SQLite database",
        13 => "the disk is full",
        14 => "the database file cannot be opened",
        _ => error.Message,
    } + $" (SQLite error {error.SqliteErrorCode})";
}
