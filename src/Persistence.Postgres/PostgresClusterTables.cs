using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Postgres.PostgresClusterSql;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Membership and the grain directory in PostgreSQL, for silos on many machines. Every versioned write is one
/// transaction that locks the cluster's version row (<c>SELECT ... FOR UPDATE</c>), checks its etag, writes with a
/// checked row count, bumps the version and sends NOTIFY, which PostgreSQL delivers only when the transaction commits.
/// </summary>
internal sealed partial class PostgresClusterTables : IMembershipTable, IMembershipTableChanges, IGrainDirectoryTable, IAsyncDisposable
{
    private const int SchemaVersion = 1;
    private const string SchemaName = "cluster_tables";

    private readonly PostgresClusterOptions _options;
    private readonly string _clusterId;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;
    private int _disposed;

    public PostgresClusterTables(PostgresClusterOptions options, string clusterId, ILogger logger)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        _options = options;
        _clusterId = clusterId;
        _logger = logger;
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (!options.ConnectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase)
                && !options.ConnectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            {
                connection.MaxPoolSize = options.MaxConnections;
            }

            _server = $"{connection.Host}:{connection.Port}";
            _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);

            // The listener holds its connection for the silo's life; outside the pool, a broken one is never handed out again.
            connection.Pooling = false;
            _listenerDataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Cluster tables: the PostgreSQL connection string is not valid: {ex.Message}", nameof(options), ex);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeOnceAsync(cancellationToken);

    private async Task InitializeOnceAsync(CancellationToken cancellationToken)
    {
        await Guard("create the schema", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // The lock the grain storage takes too: one silo at a time creates tables, so silos starting together do not race.
            await Execute(connection, "SELECT pg_advisory_xact_lock(727172);");
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS orleansbank_schema (name text PRIMARY KEY, version int NOT NULL);
                CREATE TABLE IF NOT EXISTS cluster_membership_version (
                    cluster_id text   PRIMARY KEY,
                    version    bigint NOT NULL);
                CREATE TABLE IF NOT EXISTS cluster_membership (
                    cluster_id    text   NOT NULL,
                    silo          text   NOT NULL,
                    status        int    NOT NULL,
                    silo_name     text   NOT NULL,
                    gateway       text,
                    http          text,
                    start_time    bigint NOT NULL,
                    i_am_alive    bigint NOT NULL,
                    suspect_times text   NOT NULL,
                    etag          text   NOT NULL,
                    PRIMARY KEY (cluster_id, silo));
                CREATE TABLE IF NOT EXISTS cluster_grain_directory (
                    cluster_id    text NOT NULL,
                    grain_type    text NOT NULL,
                    grain_key     text NOT NULL,
                    silo          text NOT NULL,
                    activation_id text NOT NULL,
                    PRIMARY KEY (cluster_id, grain_type, grain_key));
                CREATE INDEX IF NOT EXISTS cluster_grain_directory_by_silo ON cluster_grain_directory (cluster_id, silo);
                """);
            await Execute(connection, $"INSERT INTO orleansbank_schema (name, version) VALUES ('{SchemaName}', {SchemaVersion}) ON CONFLICT (name) DO NOTHING;");
            var version = (int)(await Scalar(connection, $"SELECT version FROM orleansbank_schema WHERE name = '{SchemaName}';"))!;
            if (version > SchemaVersion)
            {
                throw new ClusterTableException(
                    $"Cluster tables at {_server}: schema version {version} is newer than this silo's {SchemaVersion}: upgrade the silo.");
            }

            await Execute(connection, "INSERT INTO cluster_membership_version (cluster_id, version) VALUES (@c, 0) ON CONFLICT DO NOTHING;", ("c", _clusterId));
            await transaction.CommitAsync(cancellationToken);
            return 0;
        });

        await StartListeningAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // The host disposes a registered store too; a second call finds nothing left to do.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopListeningAsync();
        await _dataSource.DisposeAsync();
        await _listenerDataSource.DisposeAsync();
    }

    private Task<T> Guard<T>(string doing, Func<Task<T>> work) => PostgresClusterSql.Guard("Cluster tables", _server, doing, work);
}
