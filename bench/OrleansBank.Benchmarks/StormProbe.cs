using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// One hot account on SQLite: 256 callers, 20,000 withdrawals, each under a new operation id, with a given memory
/// window and snapshot interval. Shows what looking new ids up in the store and writing snapshots cost a storm.
/// </summary>
internal static class StormProbe
{
    public static async Task RunAsync(string[] args)
    {
        var window = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        var snapshotEvery = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), $"storm-probe-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .AddGrainAssembly(typeof(AccountGrain).Assembly)
            .AddSqliteGrainStorage(configure: o => o.DatabasePath = Path.Combine(folder, "bench.db"))
            .AddAccountOptions(o => o.RecentWindow = window)
            .ConfigureServices(s => s.Configure<EventLogOptions>(o => o.SnapshotEvery = snapshotEvery)));
        using var host = builder.Build();
        await host.StartAsync();
        var account = host.Services.GetRequiredService<IClusterClient>().GetGrain<IAccountGrain>("storm");
        await account.Open("x", 1_000_000m);
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= 20_000)
            {
                await account.Withdraw(0.01m, Guid.NewGuid().ToString("N"));
            }
        }));
        Console.WriteLine($"window {window} snapshotEvery {snapshotEvery}: {20_000 / Stopwatch.GetElapsedTime(started).TotalSeconds:N0}/s");
        await host.StopAsync();
    }
}
