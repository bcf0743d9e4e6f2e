using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>The key listing contract on a SQLite file.</summary>
public sealed class SqliteGrainKeyListerTests : GrainKeyListerContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-keys-{Guid.NewGuid():N}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override IGrainStorage CreateStorage()
    {
        var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = Path.Combine(_folder, "keys.db") });
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }
}
