using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// The cluster's SQLite file (<see cref="SqliteClusterOptions.DatabasePath"/>) as the membership, directory and reminder
/// tables use it: pooled connections opened on dedicated threads, and driver errors turned into
/// <see cref="ClusterTableException"/>s that name the file and what was being done.
/// </summary>
internal sealed class SqliteClusterFile : IDisposable
{
    private readonly string _what;
    private readonly string _connectionString;
    private readonly long _busyTimeoutMs;

    // Microsoft.Data.Sqlite blocks under its async API, and a write may wait on another process's lock: never on the pool.
    private readonly DedicatedThreadScheduler _io;

    /// <param name="options">Where the file is and how long a writer waits for the lock.</param>
    /// <param name="what">What the caller keeps in the file, for error messages (e.g. "Cluster tables").</param>
    /// <param name="threads">How many dedicated threads run its statements.</param>
    public SqliteClusterFile(SqliteClusterOptions options, string what, int threads)
    {
        DatabasePath = options.DatabasePath;
        _what = what;
        _busyTimeoutMs = (long)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
        _io = new DedicatedThreadScheduler($"SQLite {what}", threads);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Creates the file's folder if it is missing (SQLite creates the file, not its folder).</summary>
    public void CreateFolder()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(DatabasePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh pooled connection on the SQLite threads; driver errors become a <see cref="ClusterTableException"/>.</summary>
    public Task<T> Run<T>(string doing, Func<SqliteConnection, T> work) => _io.Run(() =>
    {
        try
        {
            using var connection = Open();
            return Task.FromResult(work(connection));
        }
        catch (SqliteException ex)
        {
            throw new ClusterTableException($"{_what} in {DatabasePath}: could not {doing}: {Explain(ex)}.", ex);
        }
    });

    public void Dispose() => _io.Dispose();

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
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

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // NORMAL in WAL mode survives a process crash; only power loss can drop the last commits, and it takes every
            // silo of this machine with it, so no silo is left to act on a lost membership, directory or reminder row.
            Execute(connection, null, "PRAGMA synchronous = NORMAL;");
            // SQLite's own busy handler retries within milliseconds; the driver's retry waits in 150 ms steps.
            Execute(connection, null, $"PRAGMA busy_timeout = {_busyTimeoutMs};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
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
