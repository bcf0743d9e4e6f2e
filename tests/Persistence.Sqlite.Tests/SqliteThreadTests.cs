using Microsoft.Data.Sqlite;
using OrleansBank.Persistence.Sqlite.Tests.TestGrains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>SQLite blocks the thread that calls it; those threads must never be the ones grain turns run on.</summary>
public sealed class SqliteThreadTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-threads-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "grains.db");

    [Fact]
    public async Task WriteState_ManyWritesBlockedByAnotherWriter_OtherGrainsTurnsStillRun()
    {
        // Far more blocked writes than the pool has threads on a small machine, so without threads of its own the
        // store would hold every pool thread until the pool grew to match.
        const int writers = 64;
        await using var silo = new TestClusterBuilder().ConfigureSilo(s => s
            .AddGrainAssembly(typeof(CounterGrain).Assembly)
            .AddSqliteGrainStorage(configure: o =>
            {
                o.DatabasePath = DatabasePath;
                o.BusyTimeout = TimeSpan.FromMinutes(2);
            })).Build();
        await silo.DeployAsync();
        var counters = Enumerable.Range(0, writers).Select(i => silo.GrainFactory.GetGrain<ICounterGrain>($"c{i}")).ToArray();
        await Task.WhenAll(counters.Select(c => c.Get()));

        await using var holder = new SqliteConnection($"Data Source={DatabasePath}");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            // Holds SQLite's write lock: every other writer now waits in the driver, blocking its thread.
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        var increments = counters.Select(c => c.Increment()).ToArray();
        try
        {
            var sum = await silo.GrainFactory.GetGrain<IEchoGrain>("free").Add(1m, 2m).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(3m, sum);
            Assert.All(increments, i => Assert.False(i.IsCompleted, "a write finished while another connection held the write lock"));
        }
        finally
        {
            // Let the writes through whatever happened, so the silo can stop and the failure above is the one reported.
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.All(await Task.WhenAll(increments).WaitAsync(Poll.DefaultTimeout), value => Assert.Equal(1, value));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
