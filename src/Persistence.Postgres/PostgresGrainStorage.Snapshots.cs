using NpgsqlTypes;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Log schema 2: an indexed key per event (an operation id), so a grain finds an old event without keeping it in memory,
/// and one snapshot row per log in <c>{log table}_snapshot</c>, replaced only by a later one. Rows from before schema 2
/// have no key until the runtime fills it in on the log's next activation.
/// </summary>
internal sealed partial class PostgresGrainStorage
{
    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId, long afterVersion, int maxCount) => Guard("read", async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var connection = await _dataSource.OpenConnectionAsync();
        // Repeatable read: the head and the rows come from one view of the log even while another silo appends.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT COALESCE(MAX(version), 0) FROM {_logTable} WHERE log_name = @l AND grain_id = @g;", connection, transaction);
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        var head = (long)(await command.ExecuteScalarAsync())!;
        var after = Math.Min(afterVersion, head);
        command.CommandText = $"SELECT version, data, event_key FROM {_logTable} WHERE log_name = @l AND grain_id = @g AND version > @a ORDER BY version LIMIT @n;";
        command.Parameters.AddWithValue("a", after);
        command.Parameters.AddWithValue("n", maxCount);
        EventLogRead<TEvent> read;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            read = await EventLogRows.ReadAfterAsync<TEvent>(reader, Name, logName, grainId, null, after, head);
        }

        await transaction.CommitAsync();
        return read;
    });

    public Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync<TEvent>(string logName, GrainId grainId, string key) => Guard("search", async () =>
    {
        // "version + 0": sorting the few rows found, so the planner never walks the whole log in key order instead.
        await using var command = _dataSource.CreateCommand(
            $"SELECT version, data FROM {_logTable} WHERE log_name = @l AND grain_id = @g AND event_key = @k ORDER BY version + 0;");
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        command.Parameters.AddWithValue("k", key);
        await using var reader = await command.ExecuteReaderAsync();
        return await EventLogRows.FoundAsync<TEvent>(reader);
    });

    public Task IndexKeysAsync(string logName, GrainId grainId, IReadOnlyList<VersionedKey> keys) => Guard("index", async () =>
    {
        await using var command = _dataSource.CreateCommand($"""
            UPDATE {_logTable} e SET event_key = k.key
            FROM unnest(@v, @k) AS k(version, key)
            WHERE e.log_name = @l AND e.grain_id = @g AND e.version = k.version AND e.event_key IS NULL;
            """);
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        command.Parameters.AddWithValue("v", NpgsqlDbType.Array | NpgsqlDbType.Bigint, keys.Select(k => k.Version).ToArray());
        command.Parameters.AddWithValue("k", NpgsqlDbType.Array | NpgsqlDbType.Text, keys.Select(k => k.Key).ToArray());
        return await command.ExecuteNonQueryAsync();
    });

    public Task<EventLogSnapshot?> ReadSnapshotAsync(string logName, GrainId grainId) => Guard("read a snapshot", async () =>
    {
        await using var command = _dataSource.CreateCommand($"SELECT version, data FROM {_snapshotTable} WHERE log_name = @l AND grain_id = @g;");
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new EventLogSnapshot(reader.GetInt64(0), (byte[])reader[1]) : null;
    });

    public Task WriteSnapshotAsync(string logName, GrainId grainId, long version, byte[] data) => Guard("write a snapshot", async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_snapshotTable} (log_name, grain_id, version, data) VALUES (@l, @g, @v, @d)
            ON CONFLICT (log_name, grain_id) DO UPDATE SET version = excluded.version, data = excluded.data
            WHERE excluded.version >= {_snapshotTable}.version;
            """);
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("d", data);
        return await command.ExecuteNonQueryAsync();
    });

    /// <summary>From log schema 1 (or nothing) to 2; runs under the schema lock of <see cref="InitializeAsync"/>.</summary>
    private string MigrateEventLogSql() => $"""
        ALTER TABLE {_logTable} ADD COLUMN IF NOT EXISTS event_key text;
        CREATE INDEX IF NOT EXISTS {_logTable}_by_key ON {_logTable} (log_name, grain_id, event_key) WHERE event_key IS NOT NULL;
        CREATE TABLE IF NOT EXISTS {_snapshotTable} (
            log_name text   NOT NULL,
            grain_id text   NOT NULL,
            version  bigint NOT NULL,
            data     bytea  NOT NULL,
            PRIMARY KEY (log_name, grain_id));
        UPDATE orleansbank_schema SET version = {LogSchemaVersion} WHERE name = '{_logTable}' AND version < {LogSchemaVersion};
        """;
}
