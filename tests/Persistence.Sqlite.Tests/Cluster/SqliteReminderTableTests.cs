using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>The reminder table contract on the SQLite store; each table opened is a silo process of its own on one file.</summary>
public sealed class SqliteReminderTableTests : ReminderTableContractTests, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-reminders-{Guid.NewGuid():N}");
    private readonly List<SqliteReminderTable> _opened = [];

    protected override async Task<IReminderTable> CreateTableAsync(string clusterId)
    {
        var table = new SqliteReminderTable(new SqliteClusterOptions { DatabasePath = Path.Combine(_folder, "cluster.db") }, clusterId);
        _opened.Add(table);
        await table.InitializeAsync(CancellationToken.None);
        return table;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var table in _opened)
        {
            await table.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
