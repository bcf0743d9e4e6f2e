namespace OrleansBank.Benchmarks;

/// <summary>The summaries the benchmark runs print.</summary>
internal static class Stats
{
    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
