using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Silo.Metrics;

namespace OrleansBank.Benchmarks;

/// <summary>
/// What collecting metrics costs: the storm (withdrawals on one account, 64 in flight) and the in-process grain call,
/// with nothing listening (as with --metrics false) and with the silo's own /metrics listener attached, alternating
/// round by round in one process so drift on a shared machine hits both sides alike.
/// </summary>
internal static class MetricsCostRun
{
    private const int Rounds = 6;
    private const int StormWithdrawals = 20_000;
    private const int EchoCalls = 200_000;
    private const int InFlight = 64;

    /// <param name="store">memory, sqlite.</param>
    /// <param name="callPathOnly">Only the call path's own cost, without the throughput rounds.</param>
    public static async Task RunAsync(string store, bool callPathOnly = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"orleansbank-metrics-{Guid.NewGuid():N}");
        var tables = new BenchTables("unused_log", "unused_state", $"metrics-{Guid.NewGuid():N}");
        using var host = await BenchSilo.StartAsync(store, reminders: false, folder, tables, postgres: null);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var meters = host.Services.GetRequiredService<IMeterFactory>();
            Console.WriteLine($"store={store} storm={StormWithdrawals:N0} withdrawals echo={EchoCalls:N0} calls in-flight={InFlight} rounds={Rounds}");
            var storm = (Off: new List<double>(), On: new List<double>());
            var echo = (Off: new List<double>(), On: new List<double>());
            for (var round = -1; round < (callPathOnly ? -1 : Rounds); round++)
            {
                // Alternate which side goes first, so neither always runs on a warmer process.
                foreach (var on in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    using var collector = on ? new MetricsCollector(meters) : null;
                    var stormRate = await CostLoads.StormAsync(grains, $"storm-r{round}-{on}", $"r{round}-{on}", StormWithdrawals, InFlight);
                    var echoRate = await CostLoads.EchoAsync(grains, EchoCalls, InFlight);
                    var scraped = collector?.Scrape().Length ?? 0;
                    Console.WriteLine($"round {round,2} metrics={(on ? "on " : "off")} storm={stormRate,10:N0}/s echo={echoRate,10:N0}/s{(on ? $" (scrape {scraped:N0} bytes)" : "")}");
                    if (round >= 0)
                    {
                        (on ? storm.On : storm.Off).Add(stormRate);
                        (on ? echo.On : echo.Off).Add(echoRate);
                    }
                }
            }

            if (!callPathOnly)
            {
                Report("storm", storm.Off, storm.On);
                Report("echo ", echo.Off, echo.On);
            }

            RecordCost(host.Services.GetRequiredService<Runtime.Metrics.GrainCallMetrics>(), meters);
        }
        finally
        {
            await host.StopAsync();
            await BenchSilo.CleanUpAsync(store, folder, tables, null);
        }
    }

    /// <summary>
    /// What the call path adds per call, alone on one thread: a turn's start and end and a call's start and record,
    /// without a listener and with the silo's. Steadier than the throughput rounds on a busy machine.
    /// </summary>
    private static void RecordCost(Runtime.Metrics.GrainCallMetrics metrics, IMeterFactory meters)
    {
        const int Calls = 5_000_000;
        foreach (var on in new[] { false, true, false, true })
        {
            using var collector = on ? new MetricsCollector(meters) : null;
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++)
            {
                var start = metrics.Start();
                metrics.TurnEnded("account", i, i);
                metrics.Record("account", "Withdraw", null, start);
            }

            Console.WriteLine($"call path metrics={(on ? "on " : "off")}: {stopwatch.Elapsed.TotalNanoseconds / Calls,6:F0} ns per call");
            if (on && Environment.GetEnvironmentVariable("SPLIT") is not null)
            {
                Time("clock", () => metrics.Start());
                Time("record counter only", () => metrics.Record("account", "Withdraw", null, 0));
                Time("record both", () => metrics.Record("account", "Withdraw", null, 1));
            }
        }
    }

    private static void Time(string what, Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 2_000_000; i++)
        {
            action();
        }

        Console.WriteLine($"  {what}: {stopwatch.Elapsed.TotalNanoseconds / 2_000_000,6:F0} ns");
    }

    private static void Report(string name, List<double> off, List<double> on)
    {
        var (medianOff, medianOn) = (Stats.Median(off), Stats.Median(on));
        Console.WriteLine($"{name} median off={medianOff,10:N0}/s on={medianOn,10:N0}/s cost={(1 - (medianOn / medianOff)) * 100,6:F1}%");
    }

}
