using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Activation;
using OrleansBank.TestingHost;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Activation scale on one in-process silo with a manual clock: activations/s and heap per activation, the idle
/// collector's sweep cost while nothing is idle, and RSS after every activation is collected (issue 11, item 3).
/// One count per process, so RSS is not polluted by an earlier run; the GC settings come from DOTNET_ variables.
/// With --compact the collector compacts the heap after the mass collection, as the silo executable has it do.
/// </summary>
internal static class ActivationScaleRun
{
    private const int Sweeps = 5;
    private const int InFlight = 2_000;

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var compact = args.Contains("--compact");
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var cluster = new TestClusterBuilder()
            .UseTimeProvider(time)
            .ConfigureSilo(silo => silo.AddGrainAssembly(typeof(EchoGrain).Assembly).AddMemoryGrainStorageAsDefault()
                .Configure<GrainCollectionOptions>(o =>
                {
                    o.CollectionAge = TimeSpan.FromMinutes(10);
                    o.CollectionQuantum = TimeSpan.FromMinutes(1);
                    o.CompactHeapAfterCollecting = compact ? 1 : 0;
                }))
            .Build();
        await cluster.DeployAsync();
        var grains = cluster.ServiceProvider.GetRequiredService<IGrainFactory>();
        var collector = cluster.ServiceProvider.GetRequiredService<ActivationCollector>();

        var heapBefore = FullHeap();
        var watch = Stopwatch.StartNew();
        var tasks = new Task[InFlight];
        for (var start = 0; start < count; start += InFlight)
        {
            var batch = Math.Min(InFlight, count - start);
            for (var i = 0; i < batch; i++)
            {
                tasks[i] = grains.GetGrain<IEchoGrain>(start + i).Echo(i);
            }

            await Task.WhenAll(tasks.AsSpan(0, batch).ToArray());
        }

        var activationSeconds = watch.Elapsed.TotalSeconds;
        var perActivation = (FullHeap() - heapBefore) / (double)count;
        var rssLive = Rss();

        collector.CollectNow();
        var sweepMs = new double[Sweeps];
        var sweepBytes = new long[Sweeps];
        for (var i = 0; i < Sweeps; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            watch.Restart();
            collector.CollectNow();
            sweepMs[i] = watch.Elapsed.TotalMilliseconds;
            sweepBytes[i] = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        time.Advance(TimeSpan.FromMinutes(11));
        await Poll.UntilAsync(() => cluster.ActivationCount == 0, "every idle activation to be collected", TimeSpan.FromMinutes(5));
        if (compact)
        {
            // The collector's own compaction, as the silo executable runs it (GrainCollectionOptions.CompactHeapAfterCollecting).
            time.Advance(TimeSpan.FromMinutes(1));
            await collector.LastCompaction!;
        }

        var heapCollected = FullHeap();
        var rssCollected = Rss();

        Array.Sort(sweepMs);
        Console.WriteLine($"| {count:N0} | {GcMode()} | {count / activationSeconds:N0} | {perActivation:N0} | {sweepMs[Sweeps / 2] * 1000:F1} | {sweepBytes.Max():N0} "
            + $"| {Mib(rssLive)} | {Mib(heapCollected)} | {(compact ? "compacted" : "GC")} | {Mib(rssCollected)} |");
        await cluster.DisposeAsync();
    }

    private static long FullHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    private static string GcMode() =>
        $"{(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : "+concurrent")}"
        + (Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") is { } conserve ? $"+conserve{conserve}" : "")
        + (Environment.GetEnvironmentVariable("DOTNET_GCDynamicAdaptationMode") is { } datas ? $"+datas{datas}" : "");
}
