using Npgsql;
using NpgsqlTypes;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// Event logs as rows of (log, grain, version) with that as the primary key. A batch costs three round trips
/// whatever its size: read the versions of its logs, insert every event with arrays, commit.
/// </summary>
internal sealed partial class PostgresGrainStorage
{
    // Without group commit every append takes a connection. Appends queue here, with no timeout, rather than in the
    // pool (which times out), and a few of its connections stay free for activations reading their logs.
    private readonly SemaphoreSlim _appendSlots = new(16);
    private GroupCommitter? _committer;

    public bool GroupCommit => _options.GroupCommit;

    private GroupCommitter Committer => LazyInitializer.EnsureInitialized(
        ref _committer, () => new GroupCommitter(batch => Guard("append", () => WriteBatchAsync(batch)), metrics: _metrics, store: Store));

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => Guard("read", async () =>
    {
        await using var command = _dataSource.CreateCommand($"SELECT version, data, event_key FROM {_logTable} WHERE log_name = @l AND grain_id = @g ORDER BY version;");
        command.Parameters.AddWithValue("l", logName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        return await EventLogRows.ReadAsync<TEvent>(reader, Name, logName, grainId);
    });

    public Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        var append = PendingAppend.Create(logName, grainId, expectedVersion, events);
        if (_options.GroupCommit)
        {
            return Committer.Enqueue(append);
        }

        return Guard("append", async () =>
        {
            await _appendSlots.WaitAsync();
            try
            {
                var start = _metrics?.Start() ?? 0;
                await WriteBatchAsync([append]);
                _metrics?.RecordCommit(Store, append.Events.Length, start);
            }
            finally
            {
                _appendSlots.Release();
            }

            return append.Refusal is null ? 0 : throw append.Refusal;
        });
    }

    private async Task<int> WriteBatchAsync(IReadOnlyList<PendingAppend> batch)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await WriteInOneTransactionAsync(connection, batch);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another silo appended to one of these logs between our version check and insert. Find which, one by one.
            foreach (var append in batch)
            {
                append.Refusal = null;
                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync();
                    await WriteInOneTransactionAsync(connection, [append]);
                }
                catch (PostgresException single) when (single.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    append.Refusal = append.Conflict(Name, storedVersion: null);
                }
            }
        }

        return batch.Count;
    }

    private async Task WriteInOneTransactionAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await ReadVersionsAsync(connection, batch);
        var rows = batch.Sum(a => a.Events.Length);
        var logs = new string[rows];
        var grains = new string[rows];
        var versions = new long[rows];
        var data = new byte[rows][];
        var keys = new string?[rows];
        var row = 0;
        foreach (var append in batch)
        {
            var version = stored.GetValueOrDefault((append.LogName, append.GrainKey));
            if (version != append.ExpectedVersion)
            {
                append.Refusal = append.Conflict(Name, version);
                continue;
            }

            for (var i = 0; i < append.Events.Length; i++, row++)
            {
                logs[row] = append.LogName;
                grains[row] = append.GrainKey;
                versions[row] = append.ExpectedVersion + i + 1;
                data[row] = append.Events[i];
                keys[row] = append.Keys[i];
            }
        }

        if (row > 0)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {_logTable} (log_name, grain_id, version, data, event_key) SELECT * FROM unnest(@l, @g, @v, @d, @k);", connection, transaction);
            insert.Parameters.AddWithValue("l", NpgsqlDbType.Array | NpgsqlDbType.Text, logs[..row]);
            insert.Parameters.AddWithValue("g", NpgsqlDbType.Array | NpgsqlDbType.Text, grains[..row]);
            insert.Parameters.AddWithValue("v", NpgsqlDbType.Array | NpgsqlDbType.Bigint, versions[..row]);
            insert.Parameters.AddWithValue("d", NpgsqlDbType.Array | NpgsqlDbType.Bytea, data[..row]);
            insert.Parameters.AddWithValue("k", NpgsqlDbType.Array | NpgsqlDbType.Text, keys[..row]);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task<Dictionary<(string, string), long>> ReadVersionsAsync(NpgsqlConnection connection, IReadOnlyList<PendingAppend> batch)
    {
        await using var query = new NpgsqlCommand(
            $"""
            SELECT k.l, k.g, (SELECT COALESCE(MAX(e.version), 0) FROM {_logTable} e WHERE e.log_name = k.l AND e.grain_id = k.g)
            FROM unnest(@l, @g) AS k(l, g);
            """,
            connection);
        query.Parameters.AddWithValue("l", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(a => a.LogName).ToArray());
        query.Parameters.AddWithValue("g", NpgsqlDbType.Array | NpgsqlDbType.Text, batch.Select(a => a.GrainKey).ToArray());
        var versions = new Dictionary<(string, string), long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return versions;
    }
}
