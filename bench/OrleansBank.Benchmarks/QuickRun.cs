using System.Diagnostics;

namespace OrleansBank.Benchmarks;

/// <summary>A fast stopwatch run of the in-process benchmark for tuning; BenchmarkDotNet gives the published numbers.</summary>
/// <remarks>
/// Like BenchmarkDotNet, it warms both sides up before it measures: the first half seconds run tier-0 code and a thread
/// pool that is still growing, and used to be counted. Each measured round then times both sides, in alternating order,
/// so drift on a shared machine falls on both. A side is timed for a second a round: half-second windows let one
/// stall of the shared machine move a round's ratio by 0.3 and more.
/// </remarks>
internal static class QuickRun
{
    private const int WarmupRounds = 3;
    private const int Rounds = 8;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProfileWindow = TimeSpan.FromMilliseconds(500);

    public static void Run()
    {
        foreach (var callers in new[] { 1, 64 })
        {
            var bench = new InProcessCallBenchmarks { Callers = callers };
            bench.Setup();
            try
            {
                for (var round = -WarmupRounds; round < Rounds; round++)
                {
                    double floor, grain;
                    if (round % 2 == 0)
                    {
                        floor = Measure(bench.ChannelRoundTrip, round < 0 ? ProfileWindow : Window);
                        grain = Measure(bench.GrainCall, round < 0 ? ProfileWindow : Window);
                    }
                    else
                    {
                        grain = Measure(bench.GrainCall, round < 0 ? ProfileWindow : Window);
                        floor = Measure(bench.ChannelRoundTrip, round < 0 ? ProfileWindow : Window);
                    }

                    if (round >= 0)
                    {
                        Console.WriteLine($"callers={callers,3} channel={floor,12:N0}/s grain={grain,12:N0}/s ratio={floor / grain:F2}");
                    }
                }
            }
            finally
            {
                bench.Cleanup();
            }
        }
    }

    /// <summary>One side only (grain or channel), for a profiler: what it samples is that side's path alone.</summary>
    public static void RunOne(string side, int callers, double seconds)
    {
        var bench = new InProcessCallBenchmarks { Callers = callers };
        bench.Setup();
        try
        {
            Func<Task> invocation = side == "channel" ? bench.ChannelRoundTrip : bench.GrainCall;
            var rounds = Math.Max(1, (int)(seconds * 2));
            for (var round = 0; round < rounds; round++)
            {
                Console.WriteLine($"callers={callers,3} {side}={Measure(invocation, ProfileWindow),12:N0}/s");
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static double Measure(Func<Task> invocation, TimeSpan window)
    {
        var stopwatch = Stopwatch.StartNew();
        var invocations = 0;
        while (stopwatch.Elapsed < window)
        {
            invocation().GetAwaiter().GetResult();
            invocations++;
        }

        return invocations * (double)InProcessCallBenchmarks.CallsPerInvocation / stopwatch.Elapsed.TotalSeconds;
    }
}
