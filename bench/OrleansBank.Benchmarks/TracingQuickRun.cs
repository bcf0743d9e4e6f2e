using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace OrleansBank.Benchmarks;

/// <summary>
/// In-process grain calls/s with tracing off (no listener), and on as a silo exporting over OTLP has it: an
/// OpenTelemetry tracer provider on "OrleansBank", parent-based with 0.01 of roots sampled (no exporter: the 1% kept
/// costs their export, not the hot path). Rounds alternate so drift on a shared machine hits both alike.
/// </summary>
internal static class TracingQuickRun
{
    public static void Run(double ratio)
    {
        var bench = new InProcessCallBenchmarks { Callers = 64 };
        bench.Setup();
        var off = new List<double>();
        var on = new List<double>();
        try
        {
            Measure(bench.GrainCall);
            for (var round = 0; round < 6; round++)
            {
                off.Add(Measure(bench.GrainCall));
                using (Sdk.CreateTracerProviderBuilder().AddSource("OrleansBank").SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio))).Build())
                {
                    on.Add(Measure(bench.GrainCall));
                }

                Console.WriteLine($"round {round}: off={off[^1],12:N0}/s on={on[^1],12:N0}/s");
            }
        }
        finally
        {
            bench.Cleanup();
        }

        var (medianOff, medianOn) = (Median(off), Median(on));
        Console.WriteLine($"median: off={medianOff:N0}/s on(ratio {ratio})={medianOn:N0}/s cost={(1 - (medianOn / medianOff)) * 100:F1}%");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double Measure(Func<Task> invocation)
    {
        var stopwatch = Stopwatch.StartNew();
        var invocations = 0;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(1))
        {
            invocation().GetAwaiter().GetResult();
            invocations++;
        }

        return invocations * (double)InProcessCallBenchmarks.CallsPerInvocation / stopwatch.Elapsed.TotalSeconds;
    }
}
