using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Durable transfers per second (issue 10 §7): between 2 hot accounts and across 1,000 accounts, on SQLite and
/// PostgreSQL, with the transfer's resume reminder in the same store as the silo executable has it (and without it,
/// to show what it costs). A transfer is counted once its call returned posted: its log and both accounts' logs are
/// then durable (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on). Calls go from the silo's own client.
/// </summary>
internal static class TransfersRun
{
    private const int Callers = 1_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string[] args)
    {
        var postgres = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var only = args.FirstOrDefault(a => a.StartsWith("--store=", StringComparison.Ordinal))?["--store=".Length..];
        // PostgreSQL's cluster tables (and so the reminder table) use a pool of Cluster:Postgres:MaxConnections (5).
        var connections = args.FirstOrDefault(a => a.StartsWith("--reminder-connections=", StringComparison.Ordinal)) is { } c
            ? int.Parse(c["--reminder-connections=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : (int?)null;
        Console.WriteLine($"{Callers:N0} callers with one transfer each in flight; warm-up {Warmup.TotalSeconds} s, measured {Measure.TotalSeconds} s per row");
        Console.WriteLine("| Store | Resume reminder | Accounts | Durable transfers/s | p50 latency (ms) | p99 latency (ms) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var stores = postgres is null ? new[] { "memory", "sqlite" } : ["memory", "sqlite", "postgres"];
        foreach (var store in stores.Where(s => only is null || s == only))
        {
            foreach (var reminder in new[] { true, false })
            {
                foreach (var accounts in new[] { 2, 1_000 })
                {
                    var (perSecond, p50, p99) = await RunOneAsync(store, reminder, accounts, postgres, connections);
                    Console.WriteLine($"| {store} | {(reminder ? "on" : "off")} | {accounts:N0} | {perSecond:N0} | {p50:F2} | {p99:F2} |");
                }
            }
        }
    }

    private static async Task<(double PerSecond, double P50, double P99)> RunOneAsync(string store, bool reminder, int accounts, string? postgres, int? connections)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"transfers-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var suffix = Guid.NewGuid().ToString("N");
        var tables = new BenchTables($"bench_log_{suffix}", $"bench_state_{suffix}", $"bench_{suffix}");
        using var silo = await BenchSilo.StartAsync(store, reminder, folder, tables, postgres, reminderConnections: connections);
        try
        {
            var factory = silo.Services.GetRequiredService<IClusterClient>();
            var ids = Enumerable.Range(0, accounts).Select(i => $"bench-{i}").ToArray();
            await Task.WhenAll(ids.Select(id => factory.GetGrain<IAccountGrain>(id).Open("bench", 1_000_000_000m)));
            await RunForAsync(factory, ids, Warmup, "w", null);
            var latencies = new List<double>[Callers];
            var count = await RunForAsync(factory, ids, Measure, "m", latencies);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            return (count / Measure.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
        }
        finally
        {
            await silo.StopAsync();
            await BenchSilo.CleanUpAsync(store, folder, tables, postgres);
        }
    }

    private static async Task<long> RunForAsync(IGrainFactory factory, string[] accounts, TimeSpan duration, string phase, List<double>[]? latencies)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async i =>
        {
            var random = new Random(i);
            var mine = latencies is null ? null : latencies[i] = new List<double>(1_000);
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                // Two accounts: half the callers send a -> b, half b -> a, so neither drains. Else a random pair.
                var from = accounts.Length == 2 ? i % 2 : random.Next(accounts.Length);
                var to = accounts.Length == 2 ? 1 - from : (from + 1 + random.Next(accounts.Length - 1)) % accounts.Length;
                var started = Stopwatch.GetTimestamp();
                var result = await factory.GetGrain<ITransferGrain>($"{phase}-{i}-{done}").Transfer(accounts[from], accounts[to], 0.01m);
                if (result.Status != TransferStatus.Posted)
                {
                    throw new InvalidOperationException($"A benchmark transfer was declined: {result.Reason}");
                }

                mine?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                done++;
            }

            Interlocked.Add(ref total, done);
        }));
        return total;
    }
}
