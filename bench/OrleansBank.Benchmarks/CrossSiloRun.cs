using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Benchmarks;

/// <summary>
/// A grain call to another silo beside one to a grain on the calling silo, in one run: two silos in this process,
/// members of one cluster (membership and directory in a shared memory store) and linked over loopback TCP, as
/// silo processes are. Each silo activates one <see cref="PlacedEchoGrain"/>; silo A's grain factory calls both.
/// </summary>
internal static class CrossSiloRun
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        var store = new MemoryClusterStore();
        using var a = await StartSiloAsync(store);
        using var b = await StartSiloAsync(store);
        var fromA = a.Services.GetRequiredService<IGrainFactory>();
        var local = fromA.GetGrain<IPlacedEchoGrain>("on-a");
        var remote = b.Services.GetRequiredService<IGrainFactory>().GetGrain<IPlacedEchoGrain>("on-b");
        var siloA = await local.Silo();
        var siloB = await remote.Silo();
        if (siloA == siloB)
        {
            throw new InvalidOperationException($"Both grains were placed on {siloA}: the run would measure no cross-silo call.");
        }

        // The same grain, reached through silo A's routing: the directory lookup, then the silo link to B.
        var remoteFromA = fromA.GetGrain<IPlacedEchoGrain>("on-b");
        if (await remoteFromA.Silo() != siloB)
        {
            throw new InvalidOperationException("The remote grain answered from the wrong silo.");
        }

        Console.WriteLine($"silo A {siloA}, silo B {siloB}; calls start on A; warm-up {Warmup.TotalSeconds} s, measured {Measure.TotalSeconds} s per row, local and remote alternating");
        Console.WriteLine("| In flight | Local calls/s | Cross-silo calls/s | Ratio | Local p50 / p99 (µs) | Cross-silo p50 / p99 (µs) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var inFlight in new[] { 1, 16, 256 })
        {
            var here = await LoadAsync(() => local.Echo(7), inFlight);
            var there = await LoadAsync(() => remoteFromA.Echo(7), inFlight);
            Console.WriteLine(
                $"| {inFlight} | {here.PerSecond:N0} | {there.PerSecond:N0} | {here.PerSecond / there.PerSecond:F2} | " +
                $"{here.P50:F0} / {here.P99:F0} | {there.P50:F0} / {there.P99:F0} |");
        }

        await b.StopAsync();
        await a.StopAsync();
    }

    private static async Task<(double PerSecond, double P50, double P99)> LoadAsync(Func<Task> call, int inFlight)
    {
        await RunForAsync(call, inFlight, Warmup, null);
        var latencies = new List<double>[inFlight];
        var count = await RunForAsync(call, inFlight, Measure, latencies);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (count / Measure.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static async Task<long> RunForAsync(Func<Task> call, int inFlight, TimeSpan duration, List<double>[]? latencies)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(i => Task.Run(async () =>
        {
            var mine = latencies is null ? null : latencies[i] = new List<double>(100_000);
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                mine?.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                done++;
            }

            Interlocked.Add(ref total, done);
        })));
        return total;
    }

    private static async Task<IHost> StartSiloAsync(MemoryClusterStore store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: 0, gatewayPort: 0)
            .AddGrainAssembly(typeof(PlacedEchoGrain).Assembly)
            .AddMemoryClusterTables(store)
            .UseClusterMembership());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
