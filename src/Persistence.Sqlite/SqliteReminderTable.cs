using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Sqlite.SqliteClusterFile;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Reminders in the SQLite file that holds membership (<see cref="SqliteClusterOptions.DatabasePath"/>), shared by the
/// silo processes of one machine. A claim runs under BEGIN IMMEDIATE, the file's one write lock taken before its read,
/// so two silos claiming at once are serialized across processes and take disjoint rows.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable, IAsyncDisposable
{
    private const string RowKey = "cluster_id = $c AND grain_type = $t AND grain_key = $k AND name = $n";
    private const string Columns = "grain_type, grain_key, name, start_time, period, due_time, lease_owner, lease_expiry, etag";

    private readonly string _clusterId;

    private readonly SqliteClusterFile _file;

    public SqliteReminderTable(SqliteClusterOptions options, string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        _clusterId = clusterId;
        _file = new SqliteClusterFile(options, "Reminder table", 1);
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        _file.CreateFolder();

        // Its own table beside membership's, created by whichever silo comes first; PRAGMA user_version stays the
        // membership schema's, so neither bootstrap needs the other.
        return Run("create the reminder table", connection =>
        {
            Execute(connection, null, "PRAGMA journal_mode = WAL;");
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS reminders (
                    cluster_id   TEXT    NOT NULL,
                    grain_type   TEXT    NOT NULL,
                    grain_key    TEXT    NOT NULL,
                    name         TEXT    NOT NULL,
                    start_time   INTEGER NOT NULL,
                    period       INTEGER NOT NULL,
                    due_time     INTEGER NOT NULL,
                    lease_owner  TEXT,
                    lease_expiry INTEGER,
                    etag         TEXT    NOT NULL,
                    PRIMARY KEY (cluster_id, grain_type, grain_key, name)
                ) WITHOUT ROWID;
                -- A claim looks for the earliest due rows of its cluster: find them without a scan.
                CREATE INDEX IF NOT EXISTS reminders_by_due ON reminders (cluster_id, due_time);
                """);
            transaction.Commit();
            return 0;
        });
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId) => Run<IReadOnlyList<ReminderEntry>>("read a grain's reminders", connection =>
        Read(connection, null, $"SELECT {Columns} FROM reminders WHERE cluster_id = $c AND grain_type = $t AND grain_key = $k ORDER BY name;", ("$c", _clusterId), ("$t", grainId.Type), ("$k", grainId.Key)));

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName) => Run("read a reminder", connection =>
        Read(connection, null, $"SELECT {Columns} FROM reminders WHERE {RowKey};", KeyParameters(grainId, reminderName)).SingleOrDefault());

    public Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        ReminderEntry.ThrowIfInvalid(entry, nameof(entry));
        var etag = NewETag();
        return Run("write a reminder", connection =>
        {
            Execute(
                connection,
                null,
                """
                INSERT INTO reminders (cluster_id, grain_type, grain_key, name, start_time, period, due_time, lease_owner, lease_expiry, etag)
                VALUES ($c, $t, $k, $n, $start, $period, $due, NULL, NULL, $etag)
                ON CONFLICT (cluster_id, grain_type, grain_key, name) DO UPDATE SET
                    start_time = excluded.start_time, period = excluded.period, due_time = excluded.due_time,
                    lease_owner = NULL, lease_expiry = NULL, etag = excluded.etag;
                """,
                [.. KeyParameters(entry.GrainId, entry.ReminderName),
                    ("$start", entry.StartAt.ToUnixTimeMilliseconds()),
                    ("$period", entry.Period.Ticks / TimeSpan.TicksPerMillisecond),
                    ("$due", entry.DueTime.ToUnixTimeMilliseconds()),
                    ("$etag", etag)]);
            return etag;
        });
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag) => Run("remove a reminder", connection =>
        Execute(connection, null, $"DELETE FROM reminders WHERE {RowKey} AND etag = $etag;", [.. KeyParameters(grainId, reminderName), ("$etag", etag)]) == 1);

    public Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var at = now.ToUnixTimeMilliseconds();
        var expiry = (now + leaseDuration).ToUnixTimeMilliseconds();
        return Run("claim due reminders", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var due = Read(
                connection,
                transaction,
                $"""
                SELECT {Columns} FROM reminders
                WHERE cluster_id = $c AND due_time <= $now AND (lease_expiry IS NULL OR lease_expiry <= $now)
                ORDER BY due_time, grain_type, grain_key, name LIMIT $max;
                """,
                ("$c", _clusterId),
                ("$now", at),
                ("$max", max));
            var claimed = new List<ReminderEntry>(due.Count);
            foreach (var row in due)
            {
                var leased = row with { ETag = NewETag(), LeaseOwner = silo, LeaseExpiry = DateTimeOffset.FromUnixTimeMilliseconds(expiry) };
                Execute(
                    connection,
                    transaction,
                    $"UPDATE reminders SET lease_owner = $owner, lease_expiry = $expiry, etag = $etag WHERE {RowKey};",
                    [.. KeyParameters(row.GrainId, row.ReminderName), ("$owner", silo.ToString()), ("$expiry", expiry), ("$etag", leased.ETag)]);
                claimed.Add(leased);
            }

            transaction.Commit();
            return (IReadOnlyList<ReminderEntry>)claimed;
        });
    }

    public Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Run("complete a reminder tick", connection => Execute(
            connection,
            null,
            $"UPDATE reminders SET due_time = $due, lease_owner = NULL, lease_expiry = NULL, etag = $etag WHERE {RowKey} AND etag = $claimed;",
            [.. KeyParameters(entry.GrainId, entry.ReminderName), ("$due", nextDue.ToUnixTimeMilliseconds()), ("$etag", NewETag()), ("$claimed", claimedEtag)]) == 1);
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    private (string, object?)[] KeyParameters(GrainId grainId, string reminderName) =>
        [("$c", _clusterId), ("$t", grainId.Type), ("$k", grainId.Key), ("$n", reminderName)];

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static List<ReminderEntry> Read(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<ReminderEntry>();
        while (reader.Read())
        {
            rows.Add(ReminderEntryRecord.Read(reader));
        }

        return rows;
    }

    private Task<T> Run<T>(string doing, Func<SqliteConnection, T> work) => _file.Run(doing, work);
}
