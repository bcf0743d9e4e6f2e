using System.Diagnostics;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>The loads the cost runs time: a storm of withdrawals on one account, and echo calls spread over grains.</summary>
internal static class CostLoads
{
    /// <summary>
    /// Opens <paramref name="accountId"/> and withdraws 1.00 from it <paramref name="withdrawals"/> times, <paramref name="inFlight"/>
    /// at once, each with an operation id made from <paramref name="name"/>; returns withdrawals per second. With
    /// <paramref name="commands"/>, each withdrawal runs under a root span of its own, as a client command does.
    /// </summary>
    public static async Task<double> StormAsync(IGrainFactory grains, string accountId, string name, int withdrawals, int inFlight, ActivitySource? commands = null)
    {
        var account = grains.GetGrain<IAccountGrain>(accountId);
        await account.Open("Storm", withdrawals, $"open-{name}");
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < withdrawals)
            {
                using var command = commands?.StartActivity("withdraw", ActivityKind.Client);
                await account.Withdraw(1m, $"{name}-{i}");
            }
        })));
        return withdrawals / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Makes <paramref name="calls"/> echo calls, <paramref name="inFlight"/> callers each on its own grain; returns calls per second.</summary>
    public static async Task<double> EchoAsync(IGrainFactory grains, int calls, int inFlight)
    {
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(c => Task.Run(async () =>
        {
            var grain = grains.GetGrain<IEchoGrain>(c);
            while (Interlocked.Increment(ref next) < calls)
            {
                await grain.Echo(c);
            }
        })));
        return calls / stopwatch.Elapsed.TotalSeconds;
    }
}
