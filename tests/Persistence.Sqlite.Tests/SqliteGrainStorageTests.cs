using OrleansBank.Runtime;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Persistence.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : GrainStorageContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-contract-{Guid.NewGuid():N}");

    protected override IGrainStorage CreateStorage()
    {
        var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = Path.Combine(_folder, "grains.db") });
        storage.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return storage;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
