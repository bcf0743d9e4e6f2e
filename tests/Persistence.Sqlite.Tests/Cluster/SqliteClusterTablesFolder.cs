using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>A temporary folder with one cluster.db; every store opened on it is disposed and the folder deleted at the end.</summary>
internal sealed class SqliteClusterTablesFolder : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-cluster-{Guid.NewGuid():N}");
    private readonly List<SqliteClusterTables> _opened = [];

    public string DatabasePath => Path.Combine(_folder, "cluster.db");

    /// <summary>A store of its own on the shared file, as a separate silo process would open it.</summary>
    public async Task<SqliteClusterTables> OpenAsync(string clusterId, TimeSpan? pollInterval = null)
    {
        var tables = new SqliteClusterTables(
            new SqliteClusterOptions { DatabasePath = DatabasePath, ChangePollInterval = pollInterval ?? TimeSpan.FromMilliseconds(250) },
            clusterId);
        _opened.Add(tables);
        await tables.InitializeAsync(CancellationToken.None);
        return tables;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tables in _opened)
        {
            await tables.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
