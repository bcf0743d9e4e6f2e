using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// Issue 13, section 5: what 10 open dashboard pages cost a real silo process (SQLite, metrics on as by default),
/// over loopback. A page is an HTTP reader of /dashboard/events (Server-Sent Events) after one GET /dashboard, as the
/// page's EventSource is. The storm (withdrawals on one account through the gateway) runs with 10 pages and with none,
/// alternating; then the silo's CPU time per second, idle, with 10 pages and with none.
/// </summary>
internal static class DashboardCostRun
{
    private const int Pages = 10;
    private const int Rounds = 10;
    private const int Withdrawals = 20_000;
    private const int InFlight = 64;
    private static readonly TimeSpan CpuWindow = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <param name="args">The silo's dll (default: src/Silo/bin/Release/net10.0/OrleansBank.Silo.dll of this checkout).</param>
    public static async Task RunAsync(string[] args)
    {
        var dll = args.FirstOrDefault() ?? Path.Combine(RepoRoot(), "src", "Silo", "bin", "Release", "net10.0", "OrleansBank.Silo.dll");
        var (siloPort, gatewayPort, httpPort) = (FreePort(), FreePort(), FreePort());
        var data = Path.Combine(Path.GetTempPath(), $"orleansbank-dashboard-cost-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[dll, "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--http-port", $"{httpPort}", "--data", data])
        {
            start.ArgumentList.Add(arg);
        }

        // Without pages the silo samples nothing: not even for the 5 minutes it keeps sampling after the last page by default.
        start.Environment["ORLEANSBANK_Dashboard__KeepSamplingFor"] = "00:00:00";
        using var silo = Process.Start(start)!;
        silo.OutputDataReceived += (_, _) => { };
        silo.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"silo: {e.Data}"); };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            await UntilHealthyAsync(http, silo);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.UseOrleansClient(client => client.UseStaticClustering($"localhost:{gatewayPort}"));
            using var client = builder.Build();
            await client.StartAsync();
            var grains = client.Services.GetRequiredService<IClusterClient>();
            Console.WriteLine($"silo pid {silo.Id} (SQLite, metrics on) storm={Withdrawals:N0} withdrawals in-flight={InFlight} through the gateway; pages={Pages} SSE readers; cores={Environment.ProcessorCount}");

            var (none, open) = (new List<double>(), new List<double>());
            for (var round = -1; round < Rounds; round++)
            {
                foreach (var withPages in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    await using var pages = withPages ? await OpenPagesAsync(http) : null;
                    // Both sides wait alike before the storm, so the work of opening the pages is not in it.
                    await Task.Delay(Settle);
                    var events = pages?.Events ?? 0;
                    var rate = await CostLoads.StormAsync(grains, $"dashboard-storm-r{round}-{withPages}", $"r{round}-{withPages}", Withdrawals, InFlight);
                    Console.WriteLine($"round {round,2} pages={(withPages ? Pages : 0),2} storm={rate,8:N0}/s{(pages is null ? "" : $" ({pages.Events - events} events to the pages during the storm)")}");
                    if (round >= 0)
                    {
                        (withPages ? open : none).Add(rate);
                    }
                }
            }

            Console.WriteLine($"storm pages= 0 median={Stats.Median(none),8:N0}/s min={none.Min(),8:N0} max={none.Max(),8:N0}");
            var paired = Stats.Median([.. open.Zip(none, (o, n) => 1 - (o / n))]);
            Console.WriteLine($"storm pages={Pages} median={Stats.Median(open),8:N0}/s min={open.Min(),8:N0} max={open.Max(),8:N0} cost={(1 - (Stats.Median(open) / Stats.Median(none))) * 100,5:F1}% paired={paired * 100,5:F1}% (median of each round's own ratio)");

            var (idle, watched) = (new List<double>(), new List<double>());
            for (var round = 0; round < 3; round++)
            {
                foreach (var withPages in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    await using var pages = withPages ? await OpenPagesAsync(http) : null;
                    await Task.Delay(Settle);
                    var cpu = CpuPerSecond(silo);
                    Console.WriteLine($"idle round {round} pages={(withPages ? Pages : 0),2}: silo CPU {cpu,6:F1} ms per second");
                    (withPages ? watched : idle).Add(cpu);
                }
            }

            Console.WriteLine($"idle pages= 0 silo CPU median {Stats.Median(idle),6:F1} ms/s (min {idle.Min():F1}, max {idle.Max():F1})");
            Console.WriteLine($"idle pages={Pages} silo CPU median {Stats.Median(watched),6:F1} ms/s (min {watched.Min():F1}, max {watched.Max():F1})");
            await client.StopAsync();
        }
        finally
        {
            silo.Kill();
            await silo.WaitForExitAsync();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>The silo's CPU time (user and system) over one window, in milliseconds per second.</summary>
    private static double CpuPerSecond(Process silo)
    {
        silo.Refresh();
        var before = silo.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(CpuWindow); // the measured window itself, not a synchronisation
        silo.Refresh();
        return (silo.TotalProcessorTime - before).TotalMilliseconds / clock.Elapsed.TotalSeconds;
    }

    private static async Task<OpenPages> OpenPagesAsync(HttpClient http)
    {
        var pages = new OpenPages();
        for (var i = 0; i < Pages; i++)
        {
            (await http.GetAsync("/dashboard")).EnsureSuccessStatusCode();
            pages.Open(http);
        }

        // Each page has had its first snapshot: all ten streams are live before anything is measured.
        var deadline = Stopwatch.StartNew();
        while (pages.Live < Pages)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"only {pages.Live} of {Pages} dashboard streams got their first event within 60 s");
            }

            await Task.Delay(50); // polling for the streams' first events, under the deadline above
        }

        return pages;
    }

    private static async Task UntilHealthyAsync(HttpClient http, Process silo)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with {silo.ExitCode} before /health answered");
            }

            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            await Task.Delay(200); // polling for the silo's start, under the deadline above
        }
    }


    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansBank.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("run from a build inside the OrleansBank checkout, or give the silo's dll");
    }

    /// <summary>Ten EventSource-like readers of /dashboard/events; disposing closes them all.</summary>
    private sealed class OpenPages : IAsyncDisposable
    {
        private readonly CancellationTokenSource _close = new();
        private readonly List<Task> _readers = [];
        private long _events;
        private int _live;

        public long Events => Interlocked.Read(ref _events);

        public int Live => Volatile.Read(ref _live);

        public void Open(HttpClient http) => _readers.Add(Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead, _close.Token);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_close.Token));
                var first = true;
                while (await reader.ReadLineAsync(_close.Token) is { } line)
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _events);
                        if (first)
                        {
                            first = false;
                            Interlocked.Increment(ref _live);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_close.IsCancellationRequested)
            {
            }
        }));

        public async ValueTask DisposeAsync()
        {
            await _close.CancelAsync();
            await Task.WhenAll(_readers);
            _close.Dispose();
        }
    }
}
