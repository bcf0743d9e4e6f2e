using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>A file from a silo before schema 3 (no event keys, no snapshots) is migrated in place, its old rows get their keys, and keys are found by index.</summary>
public sealed class SqliteEventLogMigrationTests : IDisposable
{
    private static readonly GrainId Grain = new("account", "legacy");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-migrate-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "grains.db");

    [Fact]
    public async Task Initialize_SchemaTwoFile_AddsTheKeyColumnAndSnapshots_AndTheNextActivationIndexesOldRows()
    {
        await CreateSchemaTwoFileAsync(new SampleKeyedEvent("open", 10m, "op-1"), new SampleKeyedEvent("deposit", 5m, "op-2"));
        var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = DatabasePath });
        await storage.InitializeAsync(CancellationToken.None);
        Assert.Empty(await storage.FindAsync<SampleKeyedEvent>("account", Grain, "op-2"));

        var log = new PersistentLog<SampleKeyedEvent>("account", Grain, storage, _ => { }, new EventLogOptions(), NullLogger.Instance);
        await log.LoadAsync(CancellationToken.None);
        var replayed = new List<string>();
        log.Replay(e => replayed.Add(e.Kind));
        await log.Append(new SampleKeyedEvent("deposit", 1m, "op-3"));
        await storage.WriteSnapshotAsync("account", Grain, 3, [1, 2, 3]);

        Assert.Equal(["open", "deposit"], replayed);
        Assert.Equal([(2L, "deposit")], (await storage.FindAsync<SampleKeyedEvent>("account", Grain, "op-2")).Select(f => (f.Version, f.Event.Kind)));
        Assert.Equal([3L], (await storage.FindAsync<SampleKeyedEvent>("account", Grain, "op-3")).Select(f => f.Version));
        Assert.Equal(3, (await storage.ReadSnapshotAsync("account", Grain))!.Version);
        Assert.Equal(3L, await ScalarAsync("PRAGMA user_version;"));
        await storage.DisposeAsync();
    }

    [Fact]
    public async Task FindByKey_UsesTheKeyIndex_NotAWalkOfTheWholeLog()
    {
        var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = DatabasePath });
        await storage.InitializeAsync(CancellationToken.None);
        await storage.DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteGrainStorage.FindByKeySql;
        command.Parameters.AddWithValue("$l", "account");
        command.Parameters.AddWithValue("$g", Grain.ToString());
        command.Parameters.AddWithValue("$k", "op");
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("USING INDEX event_log_by_key (log_name=? AND grain_id=? AND event_key=?)", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The tables exactly as schema 2 made them, with rows as a schema 2 silo wrote them.</summary>
    private async Task CreateSchemaTwoFileAsync(params SampleKeyedEvent[] events)
    {
        Directory.CreateDirectory(_folder);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_id TEXT NOT NULL, data BLOB NOT NULL, etag TEXT NOT NULL, PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;
            CREATE TABLE event_log (log_name TEXT NOT NULL, grain_id TEXT NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL);
            CREATE UNIQUE INDEX event_log_by_grain ON event_log (log_name, grain_id, version);
            PRAGMA user_version = 2;
            """;
        await command.ExecuteNonQueryAsync();
        command.CommandText = "INSERT INTO event_log (log_name, grain_id, version, data) VALUES ('account', $g, $v, $d);";
        var (grain, version, data) = (command.Parameters.Add("$g", SqliteType.Text), command.Parameters.Add("$v", SqliteType.Integer), command.Parameters.Add("$d", SqliteType.Blob));
        for (var i = 0; i < events.Length; i++)
        {
            (grain.Value, version.Value, data.Value) = (Grain.ToString(), i + 1, JsonSerializer.SerializeToUtf8Bytes(events[i]));
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
