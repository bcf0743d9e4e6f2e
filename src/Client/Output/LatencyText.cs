using System.Globalization;

namespace OrleansBank.Client.Output;

/// <summary>How the client shows a latency to a person: milliseconds with two decimals, e.g. 82.36 ms or 1,269.72 ms.</summary>
internal static class LatencyText
{
    public static string Format(double milliseconds) => milliseconds.ToString("#,0.00", CultureInfo.InvariantCulture) + " ms";
}
