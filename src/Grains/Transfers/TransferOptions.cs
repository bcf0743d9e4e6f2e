namespace OrleansBank.Grains;

/// <summary>How a transfer left unfinished by a crash is driven to its end by its reminder.</summary>
public sealed class TransferOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Transfers";

    /// <summary>
    /// How long after a request its resume reminder first ticks. A transfer that finishes normally (in milliseconds)
    /// removes its reminder before then; one stopped by a crash is resumed about this long after. Default: 10 seconds.
    /// </summary>
    public TimeSpan ResumeDueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the reminder ticks again while the transfer is still unfinished (at least 1 second). Default: 1 minute.</summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);
}
