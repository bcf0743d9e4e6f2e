using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>
/// Event logs as rows of (log, grain, version). An append checks the log's version and inserts its events in a
/// transaction; with group commit, one transaction (and so one fsync) carries every append that was waiting.
/// </summary>
internal sealed partial class SqliteGrainStorage
{
    private readonly SemaphoreSlim _soleWriter = new(1);
    private GroupCommitter? _committer;

    public bool GroupCommit => options.GroupCommit;

    private GroupCommitter Committer => LazyInitializer.EnsureInitialized(
        ref _committer, () => new GroupCommitter(batch => Guard("append to", () => Task.FromResult(WriteBatch(batch))), metrics: Metrics, store: Store));

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => Guard("read", async () =>
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data, event_key FROM event_log WHERE log_name = $l AND grain_id = $g ORDER BY version;";
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        return await EventLogRows.ReadAsync<TEvent>(reader, Name, logName, grainId, options.DatabasePath);
    });

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId, long afterVersion, int maxCount) => Guard("read", async () =>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        // One read transaction, so the head and the rows agree even while another silo appends.
        await using var transaction = connection.BeginTransaction(deferred: true);
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM event_log WHERE log_name = $l AND grain_id = $g;";
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        var head = (long)(await command.ExecuteScalarAsync())!;
        var after = Math.Min(afterVersion, head);
        command.CommandText = "SELECT version, data, event_key FROM event_log WHERE log_name = $l AND grain_id = $g AND version > $a ORDER BY version LIMIT $n;";
        command.Parameters.AddWithValue("$a", after);
        command.Parameters.AddWithValue("$n", maxCount);
        await using var reader = await command.ExecuteReaderAsync();
        return await EventLogRows.ReadAfterAsync<TEvent>(reader, Name, logName, grainId, options.DatabasePath, after, head);
    });

    public Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        var append = PendingAppend.Create(logName, grainId, expectedVersion, events);
        if (options.GroupCommit)
        {
            return Committer.Enqueue(append);
        }

        return AppendAloneAsync(append);
    }

    /// <summary>Without group commit: one transaction per append, one at a time (SQLite has one writer anyway).</summary>
    private async Task AppendAloneAsync(PendingAppend append)
    {
        await _soleWriter.WaitAsync();
        try
        {
            var start = Metrics?.Start() ?? 0;
            await Guard("append to", () => Task.FromResult(WriteBatch([append])));
            Metrics?.RecordCommit(Store, append.Events.Length, start);
        }
        finally
        {
            _soleWriter.Release();
        }

        if (append.Refusal is not null)
        {
            throw append.Refusal;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }

        _io.Dispose();
    }

    /// <summary>
    /// One transaction for the whole batch; an append whose version moved is refused alone. The version check rides
    /// on the first event's insert, so a one-event append costs one statement.
    /// </summary>
    private int WriteBatch(IReadOnlyList<PendingAppend> batch)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var first = connection.CreateCommand();
        first.CommandText = """
            INSERT INTO event_log (log_name, grain_id, version, data, event_key)
            SELECT $l, $g, $v, $d, $k
            WHERE (SELECT COALESCE(MAX(version), 0) FROM event_log WHERE log_name = $l AND grain_id = $g) = $v - 1;
            """;
        using var next = connection.CreateCommand();
        next.CommandText = "INSERT INTO event_log (log_name, grain_id, version, data, event_key) VALUES ($l, $g, $v, $d, $k);";
        var (firstLog, firstGrain, firstVersion, firstData, firstKey) = Parameters(first);
        var (log, grain, version, data, key) = Parameters(next);
        foreach (var append in batch)
        {
            firstLog.Value = log.Value = append.LogName;
            firstGrain.Value = grain.Value = append.GrainKey;
            firstVersion.Value = append.ExpectedVersion + 1;
            firstData.Value = append.Events[0];
            firstKey.Value = (object?)append.Keys[0] ?? DBNull.Value;
            if (first.ExecuteNonQuery() == 0)
            {
                append.Refusal = append.Conflict(Name, StoredVersion(connection, append));
                continue;
            }

            for (var i = 1; i < append.Events.Length; i++)
            {
                version.Value = append.ExpectedVersion + i + 1;
                data.Value = append.Events[i];
                key.Value = (object?)append.Keys[i] ?? DBNull.Value;
                next.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return batch.Count;
    }

    private static (SqliteParameter Log, SqliteParameter Grain, SqliteParameter Version, SqliteParameter Data, SqliteParameter Key) Parameters(SqliteCommand command) => (
        command.Parameters.Add("$l", SqliteType.Text),
        command.Parameters.Add("$g", SqliteType.Text),
        command.Parameters.Add("$v", SqliteType.Integer),
        command.Parameters.Add("$d", SqliteType.Blob),
        command.Parameters.Add("$k", SqliteType.Text));

    private static long StoredVersion(SqliteConnection connection, PendingAppend append)
    {
        using var head = connection.CreateCommand();
        head.CommandText = "SELECT COALESCE(MAX(version), 0) FROM event_log WHERE log_name = $l AND grain_id = $g;";
        head.Parameters.AddWithValue("$l", append.LogName);
        head.Parameters.AddWithValue("$g", append.GrainKey);
        return (long)head.ExecuteScalar()!;
    }
}
