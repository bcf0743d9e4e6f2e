using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Client to silo over loopback TCP, beside a raw TCP echo of the same frame size, in one process and one run:
/// latency with one caller, and calls per second with 1, 16 and 256 calls in flight; then 256 in flight spread over
/// 10,000 grains (each call to the next grain in turn), against the same floor.
/// </summary>
internal static class WireRun
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);
    private const int SpreadGrains = 10_000;

    /// <param name="args">Empty for the table; <c>grain N SECONDS [GRAINS]</c> runs only grain calls, N in flight, for a profiler.</param>
    public static async Task RunAsync(string[] args)
    {
        using var silo = await StartSiloAsync();
        var gateway = silo.Services.GetRequiredService<ClientGateway>().BoundEndpoints[0];
        using var clientHost = await StartClientAsync(gateway);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var grain = client.GetGrain<IEchoGrain>(1);
        var spread = Enumerable.Range(0, SpreadGrains).Select(i => client.GetGrain<IEchoGrain>(1_000_000 + i)).ToArray();
        var next = 0;
        if (args is ["grain", var n, var seconds, .. var grains])
        {
            var over = grains is [var g] ? int.Parse(g, CultureInfo.InvariantCulture) : 1;
            var targets = Enumerable.Range(0, over).Select(i => client.GetGrain<IEchoGrain>(1_000_000 + i)).ToArray();
            await Task.WhenAll(targets.Select(t => t.Echo(0)));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0);
            var count = await RunForAsync(() => targets[(uint)Interlocked.Increment(ref next) % over].Echo(7), int.Parse(n, CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)), null);
            Console.WriteLine($"{count / double.Parse(seconds, CultureInfo.InvariantCulture):N0} grain calls/s; " +
                $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)count:F0} bytes allocated per call (client and silo); {GC.CollectionCount(0) - collections} gen0 collections");
            return;
        }

        var frameSize = RequestFrameSize();
        await using var echoServer = new RawEchoServer();
        await using var echo = await RawEchoClient.ConnectAsync(echoServer.Port, frameSize);

        Console.WriteLine($"request frame: {frameSize} bytes; warm-up {Warmup.TotalSeconds} s, measured {Measure.TotalSeconds} s per row");
        Console.WriteLine("| In flight | Raw TCP echo calls/s | Grain calls/s | Ratio | Echo p50 / p99 (µs) | Grain p50 / p99 (µs) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var inFlight in new[] { 1, 16, 256 })
        {
            var floor = await LoadAsync(echo.CallAsync, inFlight);
            var calls = await LoadAsync(() => grain.Echo(7), inFlight);
            Console.WriteLine(
                $"| {inFlight} | {floor.PerSecond:N0} | {calls.PerSecond:N0} | {floor.PerSecond / calls.PerSecond:F2} | " +
                $"{floor.P50:F0} / {floor.P99:F0} | {calls.P50:F0} / {calls.P99:F0} |");
        }

        // Activated up front, so the row measures calls to live grains rather than their activation.
        await Task.WhenAll(spread.Select(g => g.Echo(0)));
        var spreadFloor = await LoadAsync(echo.CallAsync, 256);
        var spreadCalls = await LoadAsync(() => spread[(uint)Interlocked.Increment(ref next) % SpreadGrains].Echo(7), 256);
        Console.WriteLine(
            $"| 256 over {SpreadGrains:N0} grains | {spreadFloor.PerSecond:N0} | {spreadCalls.PerSecond:N0} | {spreadFloor.PerSecond / spreadCalls.PerSecond:F2} | " +
            $"{spreadFloor.P50:F0} / {spreadFloor.P99:F0} | {spreadCalls.P50:F0} / {spreadCalls.P99:F0} |");
    }

    private static int RequestFrameSize()
    {
        var method = GrainInterface.For(typeof(IEchoGrain)).Methods[0];
        using var writer = new WireWriter();
        FrameCodec.WriteRequest(writer, 123456, new Message
        {
            Id = 123456,
            Target = new GrainId("echo", "1"),
            Method = method,
            Request = new ArgumentsRequest(method, [7]),
            DeadlineTimestamp = 0,
            Chain = null,
            ReplyTo = null!,
        }, TimeSpan.FromSeconds(30));
        return writer.Length;
    }

    private static async Task<(double PerSecond, double P50, double P99)> LoadAsync(Func<Task> call, int inFlight)
    {
        await RunForAsync(call, inFlight, Warmup, null);
        var latencies = new List<double>[inFlight];
        var count = await RunForAsync(call, inFlight, Measure, latencies);
        var all = latencies.SelectMany(l => l).OrderBy(x => x).ToArray();
        return (count / Measure.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static async Task<long> RunForAsync(Func<Task> call, int inFlight, TimeSpan duration, List<double>[]? latencies)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async i =>
        {
            // Grown as needed: 100,000 entries up front for each of 256 callers was 205 MB a row, whose collections stalled the floor.
            var mine = latencies is null ? null : latencies[i] = new List<double>(4096);
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var started = Stopwatch.GetTimestamp();
                await call();
                mine?.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                done++;
            }

            Interlocked.Add(ref total, done);
        }));
        return total;
    }

    private static async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: 0, gatewayPort: 0).AddGrainAssembly(typeof(EchoGrain).Assembly));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IHost> StartClientAsync(string gateway)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseStaticClustering(gateway));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
