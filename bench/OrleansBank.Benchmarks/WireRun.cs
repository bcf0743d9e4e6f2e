using System.Diagnostics;
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
/// latency with one caller, and calls per second with 1, 16 and 256 calls in flight.
/// </summary>
internal static class WireRun
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        using var silo = await StartSiloAsync();
        var gateway = silo.Services.GetRequiredService<ClientGateway>().BoundEndpoints[0];
        using var clientHost = await StartClientAsync(gateway);
        var grain = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<IEchoGrain>(1);
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
