using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>
/// What a client sees when its own gateway is killed: steady deposits from a few workers (one in flight each, each on
/// its own account) through the first of the given gateways, a SIGKILL of that gateway's silo, and the longest gap
/// between answered deposits. A deposit that gets no answer is sent again with the same operation id through the
/// next gateway, as the client's commands do (at most 3 attempts). At the end the balances must equal the opening
/// deposits plus every answered deposit: nothing lost, nothing applied twice.
/// </summary>
internal static class GatewayStallRun
{
    private const int Workers = 8;
    private const int MaxAttempts = 3;
    // A fresh cluster is slow for its first seconds (JIT, joins, first activations): the kill comes well after that.
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string[] gateways, int victimPid)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseStaticClustering(gateways));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var run = Guid.NewGuid().ToString("N")[..8];
        var accounts = Enumerable.Range(0, Workers).Select(i => client.GetGrain<IAccountGrain>($"stall-{run}-{i}")).ToArray();
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            await account.Open($"stall worker {i}", 1000m, $"open-{run}-{i}");
        }

        var clock = Stopwatch.StartNew();
        var stopAt = BeforeKill + AfterKill;
        var answered = new List<double>[Workers];
        var retried = 0;
        var failed = new int[Workers];
        var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var examples = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var times = answered[w] = new List<double>(100_000);
            for (var n = 0; clock.Elapsed < stopAt; n++)
            {
                var opId = $"stall-{run}-{w}-{n}";
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await accounts[w].Deposit(1m, opId);
                        times.Add(clock.Elapsed.TotalMilliseconds);
                        break;
                    }
                    catch (SiloUnavailableException) when (attempt < MaxAttempts)
                    {
                        Interlocked.Increment(ref retried);
                    }
                    catch (Exception ex)
                    {
                        // Given up (it may or may not have run): the check at the end allows for it.
                        failed[w]++;
                        errors.AddOrUpdate(ex.GetType().Name, 1, (_, c) => c + 1);
                        examples.TryAdd(ex.GetType().Name, ex.Message);
                        break;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(BeforeKill);
        var killedAt = clock.Elapsed.TotalMilliseconds;
        Process.GetProcessById(victimPid).Kill();
        await Task.WhenAll(workers);
        var end = clock.Elapsed.TotalMilliseconds;

        var all = answered.SelectMany(t => t).Order().ToArray();
        var gap = LongestGap(all, killedAt, end);
        var perWorker = answered.Select(t => LongestGap([.. t], killedAt, end)).Order().ToArray();
        var steadyFrom = killedAt - Steady.TotalMilliseconds;
        var steady = all.Count(t => t >= steadyFrom && t < killedAt) / Steady.TotalSeconds;
        var recovered = all.Count(t => t >= end - Steady.TotalMilliseconds) / Steady.TotalSeconds;
        Console.WriteLine($"{Workers} workers, one deposit in flight each, gateways {string.Join(", ", gateways)}; SIGKILL of pid {victimPid} at {killedAt / 1000:F1} s, run to {stopAt.TotalSeconds:F0} s");
        Console.WriteLine($"answered deposits/s: {steady:N0} in the {Steady.TotalSeconds:F0} s before the kill, {recovered:N0} in the last {Steady.TotalSeconds:F0} s of the run");
        Console.WriteLine($"longest gap between any two answered deposits after the kill: {gap:N0} ms; first answer after the kill at +{all.FirstOrDefault(t => t >= killedAt, double.NaN) - killedAt:N0} ms");
        Console.WriteLine($"longest gap per worker (ms): {string.Join(", ", perWorker.Select(g => g.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
        for (var w = 0; w < Workers; w++)
        {
            Console.WriteLine($"  worker {w}: given up {failed[w]:N0}; gaps over 300 ms (start after the kill + length, ms): {string.Join(", ", Gaps([.. answered[w]], killedAt, end))}");
        }

        Console.WriteLine($"retried attempts: {retried:N0}; given up: {failed.Sum():N0} {(errors.IsEmpty ? "" : $"({string.Join(", ", errors.Select(e => $"{e.Key} x{e.Value}"))})")}");

        foreach (var (type, message) in examples)
        {
            Console.WriteLine($"first {type}: {message}");
        }

        var balances = await Task.WhenAll(accounts.Select(a => a.GetBalance()));
        var held = Enumerable.Range(0, Workers).All(w => balances[w] >= 1000m + answered[w].Count && balances[w] <= 1000m + answered[w].Count + failed[w]);
        Console.WriteLine($"balances = opening + answered deposits (allowing for the given-up ones): {(held ? "yes, every cent" : "NO")}");
        await host.StopAsync();
    }

    /// <summary>Every wait over 300 ms from the kill on, as "+start length": when each stall began, not only how long.</summary>
    private static IEnumerable<string> Gaps(double[] sorted, double from, double end)
    {
        var previous = from;
        foreach (var t in sorted.Where(t => t >= from).Append(end))
        {
            if (t - previous > 300)
            {
                yield return $"+{previous - from:F0} {t - previous:F0}";
            }

            previous = t;
        }
    }

    /// <summary>The longest wait, from the kill to the end, between one answer (or the kill) and the next (or the end).</summary>
    private static double LongestGap(double[] sorted, double from, double end)
    {
        var previous = from;
        var longest = 0.0;
        foreach (var t in sorted.Where(t => t >= from))
        {
            longest = Math.Max(longest, t - previous);
            previous = t;
        }

        return Math.Max(longest, end - previous);
    }
}
