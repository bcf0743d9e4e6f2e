using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Postgres.PostgresClusterSql;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Reminders in the PostgreSQL database that holds membership, for silos on many machines. A claim is one statement
/// that locks the due rows it picks with <c>FOR UPDATE SKIP LOCKED</c> and leases them: silos claiming at once pass
/// over each other's rows instead of waiting for them, and so take disjoint sets.
/// </summary>
internal sealed class PostgresReminderTable : IReminderTable, IAsyncDisposable
{
    private const int SchemaVersion = 1;
    private const string SchemaName = "reminder_table";
    private const string Columns = "grain_type, grain_key, name, start_time, period, due_time, lease_owner, lease_expiry, etag";
    private const string RowKey = "cluster_id = @c AND grain_type = @t AND grain_key = @k AND name = @n";

    private readonly string _clusterId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;
    private int _disposed;

    public PostgresReminderTable(PostgresClusterOptions options, string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        _clusterId = clusterId;
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
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Reminder table: the PostgreSQL connection string is not valid: {ex.Message}", nameof(options), ex);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Guard("create the reminder table", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The lock the grain storage and cluster tables take too: one silo at a time creates tables.
        await Execute(connection, "SELECT pg_advisory_xact_lock(727172);");
        await Execute(connection, """
            CREATE TABLE IF NOT EXISTS orleansbank_schema (name text PRIMARY KEY, version int NOT NULL);
            CREATE TABLE IF NOT EXISTS cluster_reminders (
                cluster_id   text   NOT NULL,
                grain_type   text   NOT NULL,
                grain_key    text   NOT NULL,
                name         text   NOT NULL,
                start_time   bigint NOT NULL,
                period       bigint NOT NULL,
                due_time     bigint NOT NULL,
                lease_owner  text,
                lease_expiry bigint,
                etag         text   NOT NULL,
                PRIMARY KEY (cluster_id, grain_type, grain_key, name));
            CREATE INDEX IF NOT EXISTS cluster_reminders_by_due ON cluster_reminders (cluster_id, due_time);
            """);
        await Execute(connection, $"INSERT INTO orleansbank_schema (name, version) VALUES ('{SchemaName}', {SchemaVersion}) ON CONFLICT (name) DO NOTHING;");
        var version = (int)(await Scalar(connection, $"SELECT version FROM orleansbank_schema WHERE name = '{SchemaName}';"))!;
        if (version > SchemaVersion)
        {
            throw new ClusterTableException(
                $"Reminder table at {_server}: schema version {version} is newer than this silo's {SchemaVersion}: upgrade the silo.");
        }

        await transaction.CommitAsync(cancellationToken);
        return 0;
    });

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId) => Guard<IReadOnlyList<ReminderEntry>>("read a grain's reminders", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await ReadAsync(
            connection,
            $"SELECT {Columns} FROM cluster_reminders WHERE cluster_id = @c AND grain_type = @t AND grain_key = @k ORDER BY name COLLATE \"C\";",
            ("c", _clusterId),
            ("t", grainId.Type),
            ("k", grainId.Key));
    });

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName) => Guard("read a reminder", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return (await ReadAsync(connection, $"SELECT {Columns} FROM cluster_reminders WHERE {RowKey};", KeyParameters(grainId, reminderName))).SingleOrDefault();
    });

    public Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        ReminderEntry.ThrowIfInvalid(entry, nameof(entry));
        var etag = Guid.NewGuid().ToString("N");
        return Guard("write a reminder", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await Execute(
                connection,
                """
                INSERT INTO cluster_reminders (cluster_id, grain_type, grain_key, name, start_time, period, due_time, lease_owner, lease_expiry, etag)
                VALUES (@c, @t, @k, @n, @start, @period, @due, NULL, NULL, @etag)
                ON CONFLICT (cluster_id, grain_type, grain_key, name) DO UPDATE SET
                    start_time = excluded.start_time, period = excluded.period, due_time = excluded.due_time,
                    lease_owner = NULL, lease_expiry = NULL, etag = excluded.etag;
                """,
                [.. KeyParameters(entry.GrainId, entry.ReminderName),
                    ("start", entry.StartAt.ToUnixTimeMilliseconds()),
                    ("period", entry.Period.Ticks / TimeSpan.TicksPerMillisecond),
                    ("due", entry.DueTime.ToUnixTimeMilliseconds()),
                    ("etag", etag)]);
            return etag;
        });
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag) => Guard("remove a reminder", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await Execute(connection, $"DELETE FROM cluster_reminders WHERE {RowKey} AND etag = @etag;", [.. KeyParameters(grainId, reminderName), ("etag", etag)]) == 1;
    });

    public Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return Guard<IReadOnlyList<ReminderEntry>>("claim due reminders", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            // One statement, so one transaction: a row another claimer has locked is skipped, and one it leased and
            // committed meanwhile is re-checked against the lease condition under the lock and dropped.
            var claimed = await ReadAsync(
                connection,
                $"""
                WITH due AS (
                    SELECT grain_type, grain_key, name FROM cluster_reminders
                    WHERE cluster_id = @c AND due_time <= @now AND (lease_expiry IS NULL OR lease_expiry <= @now)
                    ORDER BY due_time
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED)
                UPDATE cluster_reminders r
                SET lease_owner = @owner, lease_expiry = @expiry, etag = replace(gen_random_uuid()::text, '-', '')
                FROM due
                WHERE r.cluster_id = @c AND r.grain_type = due.grain_type AND r.grain_key = due.grain_key AND r.name = due.name
                RETURNING r.grain_type, r.grain_key, r.name, r.start_time, r.period, r.due_time, r.lease_owner, r.lease_expiry, r.etag;
                """,
                ("c", _clusterId),
                ("now", now.ToUnixTimeMilliseconds()),
                ("max", max),
                ("owner", silo.ToString()),
                ("expiry", (now + leaseDuration).ToUnixTimeMilliseconds()));
            return [.. claimed.OrderBy(r => r.DueTime)];
        });
    }

    public Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Guard("complete a reminder tick", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            return await Execute(
                connection,
                $"UPDATE cluster_reminders SET due_time = @due, lease_owner = NULL, lease_expiry = NULL, etag = @etag WHERE {RowKey} AND etag = @claimed;",
                [.. KeyParameters(entry.GrainId, entry.ReminderName), ("due", nextDue.ToUnixTimeMilliseconds()), ("etag", Guid.NewGuid().ToString("N")), ("claimed", claimedEtag)]) == 1;
        });
    }

    public async ValueTask DisposeAsync()
    {
        // The host disposes a registered table too; a second call finds nothing left to do.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private (string, object?)[] KeyParameters(GrainId grainId, string reminderName) =>
        [("c", _clusterId), ("t", grainId.Type), ("k", grainId.Key), ("n", reminderName)];

    private static async Task<List<ReminderEntry>> ReadAsync(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ReminderEntry>();
        while (await reader.ReadAsync())
        {
            rows.Add(ReminderEntryRecord.Read(reader));
        }

        return rows;
    }

    private Task<T> Guard<T>(string doing, Func<Task<T>> work) => PostgresClusterSql.Guard("Reminder table", _server, doing, work);
}
