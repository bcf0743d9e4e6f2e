using Microsoft.Data.Sqlite;

namespace OrleansBank.Runtime.Persistence.Sqlite;

/// <summary>
/// Event logs as rows of (log, grain, version). An append checks the log's version and inserts its events in a
/// transaction; with group commit, one transaction (and so one fsync) carries every append that was waiting.
/// </summary>
internal sealed partial class SqliteGrainStorage
{
    private GroupCommitter? _committer;

    public bool GroupCommit => options.GroupCommit;

    private GroupCommitter Committer => LazyInitializer.EnsureInitialized(
        ref _committer, () => new GroupCommitter(batch => Guard("append to", () => Task.FromResult(WriteBatch(batch)))));

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => Guard("read", async () =>
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM event_log WHERE log_name = $l AND grain_id = $g ORDER BY version;";
        command.Parameters.AddWithValue("$l", logName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<TEvent>();
        while (await reader.ReadAsync())
        {
            if (reader.GetInt64(0) != events.Count + 1)
            {
                throw new GrainStorageException(
                    $"Grain storage '{name}': log '{logName}' of {grainId} in {options.DatabasePath} is damaged: event {events.Count + 1} is missing.");
            }

            events.Add(StoredRecord.Deserialize<TEvent>((byte[])reader[1]));
        }

        return new EventLogRead<TEvent>(events, events.Count);
    });

    public Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        var append = PendingAppend.Create(logName, grainId, expectedVersion, events);
        if (options.GroupCommit)
        {
            return Committer.Enqueue(append);
        }

        return Guard("append to", () =>
        {
            WriteBatch([append]);
            return Task.FromResult(append.Refusal is null ? 0 : throw append.Refusal);
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }
    }

    /// <summary>One transaction for the whole batch; an append whose version moved is refused alone.</summary>
    private int WriteBatch(IReadOnlyList<PendingAppend> batch)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var head = connection.CreateCommand();
        head.CommandText = "SELECT COALESCE(MAX(version), 0) FROM event_log WHERE log_name = $l AND grain_id = $g;";
        var headLog = head.Parameters.Add("$l", SqliteType.Text);
        var headGrain = head.Parameters.Add("$g", SqliteType.Text);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO event_log (log_name, grain_id, version, data) VALUES ($l, $g, $v, $d);";
        var log = insert.Parameters.Add("$l", SqliteType.Text);
        var grain = insert.Parameters.Add("$g", SqliteType.Text);
        var version = insert.Parameters.Add("$v", SqliteType.Integer);
        var data = insert.Parameters.Add("$d", SqliteType.Blob);
        foreach (var append in batch)
        {
            headLog.Value = log.Value = append.LogName;
            headGrain.Value = grain.Value = append.GrainKey;
            var stored = (long)head.ExecuteScalar()!;
            if (stored != append.ExpectedVersion)
            {
                append.Refusal = append.Conflict(name, stored);
                continue;
            }

            for (var i = 0; i < append.Events.Length; i++)
            {
                version.Value = append.ExpectedVersion + i + 1;
                data.Value = append.Events[i];
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return batch.Count;
    }
}
