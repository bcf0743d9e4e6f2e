using System.Diagnostics;

namespace OrleansBank.Benchmarks;

/// <summary>A fast stopwatch run of the in-process benchmark for tuning; BenchmarkDotNet gives the published numbers.</summary>
internal static class QuickRun
{
    public static void Run()
    {
        foreach (var callers in new[] { 1, 64 })
        {
            var bench = new InProcessCallBenchmarks { Callers = callers };
            bench.Setup();
            try
            {
                for (var round = 0; round < 5; round++)
                {
                    var floor = Measure(bench.ChannelRoundTrip);
                    var grain = Measure(bench.GrainCall);
                    Console.WriteLine($"callers={callers,3} channel={floor,12:N0}/s grain={grain,12:N0}/s ratio={floor / grain:F2}");
                }
            }
            finally
            {
                bench.Cleanup();
            }
        }
    }

    private static double Measure(Func<Task> invocation)
    {
        var stopwatch = Stopwatch.StartNew();
        var invocations = 0;
        while (stopwatch.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            invocation().GetAwaiter().GetResult();
            invocations++;
        }

        return invocations * (double)InProcessCallBenchmarks.CallsPerInvocation / stopwatch.Elapsed.TotalSeconds;
    }
}
