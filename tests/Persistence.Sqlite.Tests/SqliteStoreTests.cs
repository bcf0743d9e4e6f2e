using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>What the SQLite store does beyond the contract: it outlives the process, and refuses a damaged file.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly GrainId Grain = new("account", "a1");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-store-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "nested", "grains.db");

    [Fact]
    public async Task Written_ThenReadByANewProvider_IsStillThere()
    {
        var first = await OpenAsync();
        await first.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState { Balance = 99.99m }));
        SqliteConnection.ClearAllPools();

        var read = new GrainState<SampleState>(new SampleState());
        await (await OpenAsync()).ReadStateAsync("s", Grain, read);

        Assert.Equal(99.99m, read.State.Balance);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Initialize_FileIsNotADatabase_FailsNamingTheFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await File.WriteAllTextAsync(DatabasePath, new string('x', 8192));

        var error = await Assert.ThrowsAsync<GrainStorageException>(OpenAsync);

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Fact]
    public async Task Initialize_SchemaFromANewerSilo_FailsAskingForAnUpgrade()
    {
        await OpenAsync();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 7;";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();

        var error = await Assert.ThrowsAsync<GrainStorageException>(OpenAsync);
        Assert.Contains("schema version 7", error.Message);
    }

    [Fact]
    public async Task ReadLog_WithAMissingEvent_FailsSayingTheLogIsDamaged()
    {
        var storage = await OpenAsync();
        await storage.AppendAsync("ledger", Grain, 0, [new SampleEvent("a", 1m), new SampleEvent("b", 2m), new SampleEvent("c", 3m)]);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM event_log WHERE version = 2;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.ReadAsync<SampleEvent>("ledger", Grain));

        Assert.Contains("is damaged: event 2 is missing", error.Message);
        Assert.Contains(DatabasePath, error.Message);
        await storage.DisposeAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<SqliteGrainStorage> OpenAsync()
    {
        var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = DatabasePath });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }
}
