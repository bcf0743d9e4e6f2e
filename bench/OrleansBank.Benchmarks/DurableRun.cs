using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Durable withdrawals per second: one hot account and 1,000 accounts, on SQLite and PostgreSQL, with and without
/// group commit. Every counted withdrawal was acknowledged, so it is on disk (SQLite synchronous=FULL; PostgreSQL
/// with its default synchronous_commit=on). Calls go from the silo's own client, so the store is what is measured.
/// </summary>
internal static class DurableRun
{
    private const int Callers = 1_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string? postgres)
    {
        Console.WriteLine($"{Callers:N0} callers with one withdrawal each in flight; warm-up {Warmup.TotalSeconds} s, measured {Measure.TotalSeconds} s per row");
        Console.WriteLine("| Store | Group commit | Accounts | Durable withdrawals/s | p50 latency (ms) | p99 latency (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var stores = postgres is null ? new[] { "memory", "sqlite" } : ["memory", "sqlite", "postgres"];
        // Memory is the ceiling without any store: what the runtime and the grain cost on their own.
        foreach (var store in stores)
        {
            // Memory has nothing to group: one row each.
            foreach (var groupCommit in store == "memory" ? [true] : new[] { true, false })
            {
                foreach (var accounts in new[] { 1, 1_000 })
                {
                    var (perSecond, p50, p99) = await RunOneAsync(store, groupCommit, accounts, postgres);
                    Console.WriteLine($"| {store} | {(groupCommit ? "on" : "off")} | {accounts:N0} | {perSecond:N0} | {p50:F2} | {p99:F2} |");
                }
            }
        }
    }

    private static async Task<(double PerSecond, double P50, double P99)> RunOneAsync(string store, bool groupCommit, int accounts, string? postgres)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"durable-bench-{Guid.NewGuid():N}");
        var table = $"bench_log_{Guid.NewGuid():N}";
        using var silo = await StartSiloAsync(store, groupCommit, folder, table, postgres);
        try
        {
            var factory = silo.Services.GetRequiredService<IClusterClient>();
            var ids = Enumerable.Range(0, accounts).Select(i => $"bench-{i}").ToArray();
            await Task.WhenAll(ids.Select(id => factory.GetGrain<IAccountGrain>(id).Open("bench", 1_000_000_000m)));
            var grains = ids.Select(factory.GetGrain<IAccountGrain>).ToArray();
            await RunForAsync(grains, Warmup, null);
            var latencies = new List<double>[Callers];
            var count = await RunForAsync(grains, Measure, latencies);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            return (count / Measure.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
        }
        finally
        {
            await silo.StopAsync();
            if (Directory.Exists(folder))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }

            if (store == "postgres")
            {
                await using var connection = new Npgsql.NpgsqlConnection(postgres);
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP TABLE IF EXISTS {table}; DELETE FROM orleansbank_schema WHERE name = '{table}';", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<long> RunForAsync(IAccountGrain[] grains, TimeSpan duration, List<double>[]? latencies)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async i =>
        {
            var grain = grains[i % grains.Length];
            var mine = latencies is null ? null : latencies[i] = new List<double>(1_000);
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await grain.Withdraw(0.01m);
                if (!result.Approved)
                {
                    throw new InvalidOperationException($"A benchmark withdrawal was declined: {result.DeclineReason}");
                }

                mine?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                done++;
            }

            Interlocked.Add(ref total, done);
        }));
        return total;
    }

    private static async Task<IHost> StartSiloAsync(string store, bool groupCommit, string folder, string table, string? postgres)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.AddGrainAssembly(typeof(AccountGrain).Assembly);
            if (store == "memory")
            {
                silo.AddMemoryGrainStorageAsDefault();
            }
            else if (store == "sqlite")
            {
                silo.AddSqliteGrainStorage(configure: o =>
                {
                    o.DatabasePath = Path.Combine(folder, "bench.db");
                    o.GroupCommit = groupCommit;
                });
            }
            else
            {
                silo.AddPostgresGrainStorage(GrainStorage.DefaultProviderName, o =>
                {
                    o.ConnectionString = postgres!;
                    o.EventLogTableName = table;
                    o.GroupCommit = groupCommit;
                });
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
