using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Persistence.Postgres;
using OrleansBank.Persistence.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Benchmarks;

/// <summary>
/// How long a membership change takes to reach another silo: one table instance writes (a versioned update, as a
/// status change or a vote is), a second instance - as another silo process would hold - waits for the change signal.
/// SQLite's signal is a poll of the version row; PostgreSQL's is LISTEN/NOTIFY.
/// </summary>
internal static class MembershipPropagationRun
{
    private const int Changes = 100;

    public static async Task RunAsync(string? postgres)
    {
        Console.WriteLine($"{Changes} versioned writes each; time from the write's commit until the other instance's change signal returns");
        Console.WriteLine("| Store | Signal | p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var folder = Path.Combine(Path.GetTempPath(), $"membership-bench-{Guid.NewGuid():N}");
        try
        {
            var sqlite = new SqliteClusterOptions { DatabasePath = Path.Combine(folder, "cluster.db") };
            await using (var writer = new SqliteClusterTables(sqlite, "bench"))
            await using (var watcher = new SqliteClusterTables(sqlite, "bench"))
            {
                Print("SQLite", $"poll every {sqlite.ChangePollInterval.TotalMilliseconds:F0} ms", await MeasureAsync(writer, watcher, watcher));
            }

            if (postgres is not null)
            {
                var options = new PostgresClusterOptions { ConnectionString = postgres };
                var clusterId = $"bench-{Guid.NewGuid():N}"[..20];
                await using var writer = new PostgresClusterTables(options, clusterId, NullLogger.Instance);
                await using var watcher = new PostgresClusterTables(options, clusterId, NullLogger.Instance);
                Print("PostgreSQL", "LISTEN/NOTIFY", await MeasureAsync(writer, watcher, watcher));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Print(string store, string signal, double[] sorted) =>
        Console.WriteLine($"| {store} | {signal} | {sorted[sorted.Length / 2]:F1} | {sorted[(int)(sorted.Length * 0.99)]:F1} | {sorted[^1]:F1} |");

    private static async Task<double[]> MeasureAsync(IMembershipTable writer, IMembershipTable watcherTable, IMembershipTableChanges watcher)
    {
        await writer.InitializeAsync(CancellationToken.None);
        await watcherTable.InitializeAsync(CancellationToken.None);
        var silo = new SiloAddress("127.0.0.1", 11111, Stopwatch.GetTimestamp());
        var now = DateTimeOffset.UtcNow;
        var entry = new MembershipEntry { SiloAddress = silo, Status = SiloStatus.Joining, StartTime = now, IAmAliveTime = now };
        var data = await writer.ReadAllAsync();
        if (!await writer.InsertRowAsync(entry, data.Version.Next()))
        {
            throw new InvalidOperationException("The benchmark's first row could not be inserted.");
        }

        var latencies = new double[Changes];
        for (var i = 0; i < Changes; i++)
        {
            data = await writer.ReadAllAsync();
            var seen = (await watcherTable.ReadAllAsync()).Version;
            var signalled = watcher.WaitForChangeAsync(seen, CancellationToken.None);

            // A write at a random moment, as a silo's death is: in step with the watcher's poll, every write would
            // land just before a poll and the measure would flatter SQLite.
            await Task.Delay(Random.Shared.Next(0, 300));
            var row = data.Find(silo) ?? throw new InvalidOperationException("The benchmark's row vanished.");
            var status = i % 2 == 0 ? SiloStatus.Active : SiloStatus.ShuttingDown;
            if (!await writer.UpdateRowAsync(row.Entry with { Status = status }, row.ETag, data.Version.Next()))
            {
                throw new InvalidOperationException("A benchmark write lost a race it cannot have.");
            }

            var written = Stopwatch.GetTimestamp();
            await signalled;
            latencies[i] = Stopwatch.GetElapsedTime(written).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }
}
