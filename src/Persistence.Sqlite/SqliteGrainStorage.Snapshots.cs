using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Schema 3: an indexed key per event (an operation id), so a grain finds an old event without keeping it in memory,
/// and one snapshot row per log, replaced only by a later one. Rows from before schema 3 have no key until the
/// runtime fills it in on the log's next activation.
/// </summary>
internal sealed partial class SqliteGrainStorage
{
    /// <summary>
    /// The index is forced: for ORDER BY version the planner would rather walk the whole log in version order, and a
    /// storm of new operation ids on one account then ran at 191/s instead of 4,820/s (docs/BENCHMARKS.md).
    /// </summary>
    internal const string FindByKeySql =
        "SELECT version, data FROM event_log INDEXED BY event_log_by_key WHERE log_name = $l AND grain_id = $g AND event_key = $k ORDER BY version;";

    public Task<EventLogSnapshot?> ReadSnapshotAsync(string logName, GrainId grainId) => Guard("read a snapshot from", async () =>
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM event_log_snapshot WHERE log_name = $l AND grain_id = $g;";
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new EventLogSnapshot(reader.GetInt64(0), (byte[])reader[1]) : null;
    });

    public Task WriteSnapshotAsync(string logName, GrainId grainId, long version, byte[] data) => Guard("write a snapshot to", async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO event_log_snapshot (log_name, grain_id, version, data) VALUES ($l, $g, $v, $d)
            ON CONFLICT (log_name, grain_id) DO UPDATE SET version = excluded.version, data = excluded.data
            WHERE excluded.version >= event_log_snapshot.version;
            """;
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$v", version);
        command.Parameters.AddWithValue("$d", data);
        return await command.ExecuteNonQueryAsync();
    });

    public Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync<TEvent>(string logName, GrainId grainId, string key) => Guard("search", async () =>
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = FindByKeySql;
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        command.Parameters.AddWithValue("$k", key);
        await using var reader = await command.ExecuteReaderAsync();
        return await EventLogRows.FoundAsync<TEvent>(reader);
    });

    public Task IndexKeysAsync(string logName, GrainId grainId, IReadOnlyList<VersionedKey> keys) => Guard("index", () =>
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE event_log SET event_key = $k WHERE log_name = $l AND grain_id = $g AND version = $v AND event_key IS NULL;";
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        var version = command.Parameters.Add("$v", SqliteType.Integer);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        foreach (var row in keys)
        {
            (version.Value, key.Value) = (row.Version, row.Key);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.FromResult(keys.Count);
    });

    /// <summary>From schema 2 (or a new file) to 3, in one write transaction so silos sharing the file migrate once.</summary>
    private static async Task MigrateEventLogAsync(SqliteConnection connection)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('event_log') WHERE name = 'event_key';";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            command.CommandText = "ALTER TABLE event_log ADD COLUMN event_key TEXT;";
            await command.ExecuteNonQueryAsync();
        }

        command.CommandText = """
            CREATE INDEX IF NOT EXISTS event_log_by_key ON event_log (log_name, grain_id, event_key) WHERE event_key IS NOT NULL;
            CREATE TABLE IF NOT EXISTS event_log_snapshot (
                log_name TEXT    NOT NULL,
                grain_id TEXT    NOT NULL,
                version  INTEGER NOT NULL,
                data     BLOB    NOT NULL,
                PRIMARY KEY (log_name, grain_id)
            ) WITHOUT ROWID;
            PRAGMA user_version = 3;
            """;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
