using System.Globalization;

namespace OrleansBank.Telemetry;

/// <summary>How many traces are kept: a ratio of the roots, and every child follows its parent's decision.</summary>
public sealed class TracingOptions
{
    public const string SectionName = "Tracing";

    /// <summary>The share of root spans (client commands, calls started outside any trace) that are sampled, 0 to 1. Default 0.01, so tracing costs the hot path little.</summary>
    public double SampleRatio { get; set; } = 0.01;

    /// <summary>True for what <see cref="SampleRatio"/> accepts, written as configuration holds it.</summary>
    public static bool IsSampleRatio(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1;

    /// <summary>What is wrong with these options, one sentence each; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!(SampleRatio is >= 0 and <= 1))
        {
            yield return $"Tracing:SampleRatio is {SampleRatio.ToString(CultureInfo.InvariantCulture)}; it must be from 0 (no root is sampled) to 1 (every one is), such as 0.01.";
        }
    }
}
