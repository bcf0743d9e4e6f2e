using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Reactivation of an account with 1k to 1M events in a SQLite file, with and without a snapshot at its last event:
/// the extra time of the first call over a warm one, the bytes allocated by it, and the heap the activation keeps.
/// The log is written straight into the file (as a silo would have, event by event), so 1M events take seconds.
/// </summary>
internal static class ReplayRun
{
    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000, 1_000_000];
        Console.WriteLine("| Events | Snapshot | Reactivation (ms, over a warm call) | Allocated by it (MiB) | Heap kept by the activation (MiB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var events in sizes)
        {
            foreach (var snapshot in new[] { false, true })
            {
                var folder = Path.Combine(Path.GetTempPath(), $"replay-bench-{Guid.NewGuid():N}");
                try
                {
                    var (ms, allocated, kept) = await RunOneAsync(folder, events, snapshot);
                    Console.WriteLine($"| {events:N0} | {(snapshot ? "yes" : "no")} | {ms:F1} | {allocated / 1048576.0:F2} | {kept / 1048576.0:F2} |");
                }
                finally
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static async Task<(double Ms, long Allocated, long Kept)> RunOneAsync(string folder, int events, bool snapshot)
    {
        var database = Path.Combine(folder, "bench.db");
        using (var schema = await StartSiloAsync(database))
        {
            await schema.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        WriteLog(database, "warm-up", 10, snapshot);
        WriteLog(database, "hot", events, snapshot);

        using var silo = await StartSiloAsync(database);
        var grains = silo.Services.GetRequiredService<IClusterClient>();
        await grains.GetGrain<IAccountGrain>("warm-up").GetBalance();
        var hot = grains.GetGrain<IAccountGrain>("hot");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await hot.GetBalance();
        var cold = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        started = Stopwatch.GetTimestamp();
        await hot.GetBalance();
        var warm = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        // The store's threads keep their last work item (with its result, the read log) until the next: give them more.
        await Task.WhenAll(Enumerable.Range(0, 256).Select(async i =>
        {
            try
            {
                await grains.GetGrain<IAccountGrain>($"flush-{i}").GetBalance();
            }
            catch (AccountNotOpenException)
            {
            }
        }));
        var kept = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        await silo.StopAsync();
        return (cold - warm, allocated, kept);
    }

    /// <summary>An open with a large deposit, then withdrawals of 0.01, each under its own operation id, and optionally the snapshot at the end.</summary>
    private static void WriteLog(string database, string account, int events, bool snapshot)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO event_log (log_name, grain_id, version, data, event_key) VALUES ('account', $g, $v, $d, $k);";
        var grain = insert.Parameters.Add("$g", SqliteType.Text);
        var version = insert.Parameters.Add("$v", SqliteType.Integer);
        var data = insert.Parameters.Add("$d", SqliteType.Blob);
        var key = insert.Parameters.Add("$k", SqliteType.Text);
        grain.Value = $"account/{account}";
        var state = new AccountState(new AccountOptions().RecentWindow);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= events; i++)
        {
            var e = i == 1
                ? new AccountEvent(AccountEventKind.Opened, Guid.NewGuid().ToString("N"), 1_000_000m, time, Owner: "bench")
                : new AccountEvent(AccountEventKind.Withdrawn, Guid.NewGuid().ToString("N"), 0.01m, time.AddMilliseconds(i));
            (version.Value, data.Value, key.Value) = (i, JsonSerializer.SerializeToUtf8Bytes(e), e.OperationId);
            insert.ExecuteNonQuery();
            state.Apply(e);
        }

        if (snapshot)
        {
            using var write = connection.CreateCommand();
            write.CommandText = "INSERT INTO event_log_snapshot (log_name, grain_id, version, data) VALUES ('account', $g, $v, $d);";
            write.Parameters.AddWithValue("$g", $"account/{account}");
            write.Parameters.AddWithValue("$v", (long)events);
            write.Parameters.AddWithValue("$d", Runtime.Persistence.SnapshotFrame.Wrap(JsonSerializer.SerializeToUtf8Bytes(state.ToSnapshot())));
            write.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static async Task<IHost> StartSiloAsync(string database)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .AddGrainAssembly(typeof(AccountGrain).Assembly)
            .AddSqliteGrainStorage(configure: o => o.DatabasePath = database));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
