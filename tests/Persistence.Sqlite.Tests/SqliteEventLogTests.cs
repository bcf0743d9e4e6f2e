using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>The event log contract on a SQLite file; one subclass runs it with group commit, one without.</summary>
public abstract class SqliteEventLogTests(bool groupCommit) : EventLogContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-log-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override IEventLogStorage CreateLogStorage()
    {
        var options = new SqliteStorageOptions { DatabasePath = Path.Combine(_folder, "logs.db"), GroupCommit = groupCommit };
        var storage = new SqliteGrainStorage("test", options);
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }
}
