using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using OrleansBank.Runtime;
using OrleansBank.Silo.Dashboard;
using OrleansBank.Silo.Metrics;
using OrleansBank.Telemetry;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Issue 13, section 5: the storm and the in-process call with metrics and tracing off, on (the silo's /metrics and
/// dashboard listeners, tracing at its default 0.01), and exported (those listeners plus the OTLP tracer and meter
/// providers of src/Telemetry sending to a loopback sink every second). One process, the three sides in every order.
/// Each storm withdrawal starts a root span as a client command does (0.01 of them sampled and exported); the echo
/// calls start none, so they show what the silo's call path itself pays.
/// </summary>
internal static class ObsCostRun
{
    private const int StormWithdrawals = 20_000;
    private const int EchoCalls = 400_000;
    private const int InFlight = 64;

    // Every order of three sides: each runs first, second and third equally often.
    private static readonly int[][] Orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [2, 1, 0], [1, 0, 2]];

    // A client command's root span, as the client and the HTTP API start one; sampled at the tracer's ratio. The storm's
    // withdrawals are commands; the echo calls are the bare runtime call path, outside any trace, as a grain's call is.
    private static readonly ActivitySource Commands = new("OrleansBank");

    private enum Side
    {
        Off,
        On,
        Exported,

        /// <summary>The /metrics and dashboard listeners alone (with "split").</summary>
        Metrics,

        /// <summary>Tracing at 0.01 alone, no exporter (with "split").</summary>
        Tracing,
    }

    /// <param name="args">
    /// store (memory, sqlite; default sqlite), the number of rounds (default 12), and "split" to run off, metrics alone
    /// and tracing alone instead of off, on and exported.
    /// </param>
    public static async Task RunAsync(string[] args)
    {
        var store = args.FirstOrDefault() ?? "sqlite";
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 12;
        Side[] sides = args is [_, _, "split"] ? [Side.Off, Side.Metrics, Side.Tracing] : [Side.Off, Side.On, Side.Exported];
        // A short export interval, so the exporters' own work falls inside the measured rounds.
        Environment.SetEnvironmentVariable("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        Environment.SetEnvironmentVariable("OTEL_BSP_SCHEDULE_DELAY", "1000");
        await using var sink = await OtlpSink.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"orleansbank-obs-{Guid.NewGuid():N}");
        var tables = new BenchTables("unused_log", "unused_state", $"obs-{Guid.NewGuid():N}");
        using var host = await BenchSilo.StartAsync(store, reminders: false, folder, tables, postgres: null);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var meters = host.Services.GetRequiredService<IMeterFactory>();
            Console.WriteLine($"store={store} storm={StormWithdrawals:N0} withdrawals echo={EchoCalls:N0} calls in-flight={InFlight} rounds={rounds} cores={Environment.ProcessorCount} sink={sink.Endpoint}");
            var storm = sides.ToDictionary(s => s, _ => new List<double>());
            var echo = sides.ToDictionary(s => s, _ => new List<double>());
            var stormCpu = sides.ToDictionary(s => s, _ => new List<double>());
            var echoCpu = sides.ToDictionary(s => s, _ => new List<double>());
            for (var round = -1; round < rounds; round++)
            {
                foreach (var side in Orders[(round + Orders.Length) % Orders.Length].Select(i => sides[i]))
                {
                    var (requests, bytes) = (sink.Requests, sink.Bytes);
                    double stormRate, echoRate, stormMicros, echoMicros;
                    using (Attach(side, meters, sink.Endpoint))
                    {
                        // Every side waits alike: attaching (instruments published, providers and their threads
                        // started) is a burst that would otherwise land in the first second of the storm.
                        await Task.Delay(TimeSpan.FromSeconds(1));
                        var cpu = CpuTime();
                        stormRate = await CostLoads.StormAsync(grains, $"storm-r{round}-{side}", $"r{round}-{side}", StormWithdrawals, InFlight, Commands);
                        stormMicros = (CpuTime() - cpu).TotalMicroseconds / StormWithdrawals;
                        cpu = CpuTime();
                        echoRate = await CostLoads.EchoAsync(grains, EchoCalls, InFlight);
                        echoMicros = (CpuTime() - cpu).TotalMicroseconds / EchoCalls;
                    }

                    Console.WriteLine($"round {round,2} {side,-8} storm={stormRate,10:N0}/s ({stormMicros,6:F1} µs CPU) echo={echoRate,12:N0}/s ({echoMicros,6:F2} µs CPU)"
                        + (side == Side.Exported ? $" (sink got {sink.Requests - requests} exports, {sink.Bytes - bytes:N0} bytes)" : ""));
                    if (round >= 0)
                    {
                        storm[side].Add(stormRate);
                        echo[side].Add(echoRate);
                        stormCpu[side].Add(stormMicros);
                        echoCpu[side].Add(echoMicros);
                    }
                }
            }

            Report("storm", storm, stormCpu);
            Report("echo", echo, echoCpu);
            CallPath(host.Services.GetRequiredService<Runtime.Metrics.GrainCallMetrics>(), meters, sink.Endpoint, sides);
        }
        finally
        {
            await host.StopAsync();
            await BenchSilo.CleanUpAsync(store, folder, tables, null);
        }
    }

    /// <summary>What a silo attaches on each side; disposing it detaches all of it (the exporters flush first).</summary>
    private static IDisposable Attach(Side side, IMeterFactory meters, string endpoint)
    {
        var attached = new List<IDisposable>();
        if (side == Side.Off)
        {
            return new Detach(attached);
        }

        if (side != Side.Tracing)
        {
            attached.Add(new MetricsCollector(meters));
            attached.Add(new DashboardMeterListener(meters));
        }

        if (side is Side.On or Side.Tracing)
        {
            // As a silo traces with no exporter: parent-based, 0.01 of the roots.
            attached.Add(Sdk.CreateTracerProviderBuilder().AddSource("OrleansBank")
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(new TracingOptions().SampleRatio))).Build());
            return new Detach(attached);
        }

        if (side == Side.Metrics)
        {
            return new Detach(attached);
        }

        // The silo's own export: src/Telemetry's providers, built as the silo's host builds them.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Otlp:Endpoint"] = endpoint }).Build();
        var services = new ServiceCollection().AddLogging().AddOrleansBankTelemetry(configuration, "orleansbank-bench").BuildServiceProvider();
        _ = services.GetServices<IHostedService>().ToList();
        attached.Add(services);
        return new Detach(attached);
    }

    /// <summary>
    /// Per side: the median rate and its spread, the cost against off from the medians and as the median of each
    /// round's own ratio (the sides of one round ran seconds apart), and the process's CPU time per operation, which a
    /// busy machine disturbs far less than the rate (the cost in CPU is what the rate loses when the cores are full).
    /// </summary>
    private static void Report(string name, Dictionary<Side, List<double>> rates, Dictionary<Side, List<double>> cpu)
    {
        var off = Stats.Median(rates[Side.Off]);
        var offCpu = Stats.Median(cpu[Side.Off]);
        foreach (var (side, values) in rates)
        {
            var median = Stats.Median(values);
            var paired = Stats.Median([.. values.Zip(rates[Side.Off], (v, o) => 1 - (v / o))]);
            var micros = Stats.Median(cpu[side]);
            Console.WriteLine($"{name,-5} {side,-8} median={median,12:N0}/s min={values.Min(),12:N0} max={values.Max(),12:N0} cost={(1 - (median / off)) * 100,6:F1}% paired={paired * 100,6:F1}%"
                + $" cpu={micros,7:F2} µs/op (min {cpu[side].Min():F2}, max {cpu[side].Max():F2}) cpu cost={((micros / offCpu) - 1) * 100,6:F1}%");
        }
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The call path alone on one thread: a request's arrival, turn end and record, per side.</summary>
    private static void CallPath(Runtime.Metrics.GrainCallMetrics metrics, IMeterFactory meters, string endpoint, Side[] sides)
    {
        const int Calls = 2_000_000;
        foreach (var side in Enumerable.Repeat(sides, 3).SelectMany(s => s))
        {
            using var attached = Attach(side, meters, endpoint);
            var stopwatch = Stopwatch.StartNew();
            var cpu = CpuTime();
            for (var i = 0; i < Calls; i++)
            {
                var start = metrics.Start();
                metrics.TurnEnded("account", i, i);
                metrics.Record("account", "Withdraw", null, start);
            }

            Console.WriteLine($"call path {side,-8}: {stopwatch.Elapsed.TotalNanoseconds / Calls,6:F0} ns per call, {(CpuTime() - cpu).TotalNanoseconds / Calls,6:F0} ns CPU");
        }
    }


    private sealed class Detach(List<IDisposable> attached) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in Enumerable.Reverse(attached))
            {
                item.Dispose();
            }
        }
    }
}
