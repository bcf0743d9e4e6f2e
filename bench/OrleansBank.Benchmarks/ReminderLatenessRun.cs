using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Reminder lateness on an idle silo (issue 10 §7): a few grains with a 1-second reminder each, the table in SQLite or
/// PostgreSQL, the reminder service's default poll interval (250 ms). Lateness is when the grain received the tick
/// minus the tick's due time.
/// </summary>
internal static class ReminderLatenessRun
{
    private const int Grains = 10;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(string? postgres)
    {
        Console.WriteLine($"{Grains} grains with a reminder every {Period.TotalSeconds} s; ticks received over {Measure.TotalSeconds} s; default poll interval");
        Console.WriteLine("| Store | Ticks | p50 lateness (ms) | p99 lateness (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var store in postgres is null ? new[] { "sqlite" } : ["sqlite", "postgres"])
        {
            var folder = Path.Combine(Path.GetTempPath(), $"lateness-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var suffix = Guid.NewGuid().ToString("N");
            var tables = new BenchTables($"bench_log_{suffix}", $"bench_state_{suffix}", $"bench_{suffix}");
            var recorder = new LatenessRecorder();
            using var silo = await BenchSilo.StartAsync(store, reminders: true, folder, tables, postgres, s => s.ConfigureServices(services => services.AddSingleton(recorder)));
            try
            {
                var factory = silo.Services.GetRequiredService<IClusterClient>();
                var grains = Enumerable.Range(0, Grains).Select(i => factory.GetGrain<ILatenessGrain>($"late-{i}")).ToArray();
                // Due times spread over a period, so that ticks fall at every phase of the silo's poll.
                await Task.WhenAll(grains.Select((g, i) => g.Start(Period + (Period * i / Grains), Period)));
                // Waiting here is the measurement itself: the silo is left idle while its reminders tick.
                await Task.Delay(Measure);
                await Task.WhenAll(grains.Select(g => g.Stop()));
                var sorted = recorder.Sorted();
                Console.WriteLine($"| {store} | {sorted.Length:N0} | {sorted[sorted.Length / 2]:F0} | {sorted[(int)(sorted.Length * 0.99)]:F0} | {sorted[^1]:F0} |");
            }
            finally
            {
                await silo.StopAsync();
                await BenchSilo.CleanUpAsync(store, folder, tables, postgres);
            }
        }
    }
}
