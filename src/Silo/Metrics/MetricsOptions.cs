namespace OrleansBank.Silo.Metrics;

/// <summary>The silo's metrics collection (configuration section "Metrics").</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>
    /// True (the default): the silo listens to its instruments and serves them at GET /metrics. False: nothing listens,
    /// so the instruments cost a flag check, and /metrics answers 404 saying how to turn it on.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
