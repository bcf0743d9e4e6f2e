namespace OrleansBank.Runtime;

/// <summary>What the silo's instruments count (configuration section "Metrics").</summary>
public sealed class SiloMetricsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Metrics";

    /// <summary>
    /// A request that holds its activation longer than this, from the start of its turn to the end of the grain method,
    /// counts in orleansbank.turns.long. Measured in steps of the silo's coarse clock (MessagingOptions.TimeoutCheckInterval,
    /// 100 ms), so it costs the call path no clock read. Default 1 second; between 10 ms and 1 hour.
    /// </summary>
    public TimeSpan LongTurnThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What is wrong with these options, one sentence each; empty when they are valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (LongTurnThreshold < TimeSpan.FromMilliseconds(10) || LongTurnThreshold > TimeSpan.FromHours(1))
        {
            yield return $"Metrics:LongTurnThreshold is {LongTurnThreshold}: give a time between 00:00:00.010 and 01:00:00, e.g. 00:00:01 for one second.";
        }
    }
}
