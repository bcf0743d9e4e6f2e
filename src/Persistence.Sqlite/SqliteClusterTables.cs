using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Sqlite.SqliteClusterFile;

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
    private readonly SqliteClusterFile _file;

    public SqliteClusterTables(SqliteClusterOptions options, string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        _options = options;
        _clusterId = clusterId;
        _file = new SqliteClusterFile(options, "Cluster tables", 2);
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        _file.CreateFolder();
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
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<T> Run<T>(string doing, Func<SqliteConnection, T> work) => _file.Run(doing, work);
}
