namespace OrleansBank.Runtime.Cluster;

/// <summary>How a silo's reminder service claims and delivers due ticks.</summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Reminders";

    /// <summary>
    /// How often the silo claims due reminders: a tick is at most this late on an idle cluster. One indexed query per
    /// poll. Default: 250 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a claimed tick is this silo's to deliver: if the silo dies, another delivers the tick once this has
    /// passed. Keep it above the grain call timeout (30 s by default), or a slow delivery may be repeated beside
    /// itself. Default: 1 minute.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most ticks one poll claims; the rest wait for the next poll. Default: 100.</summary>
    public int MaxTicksPerPoll { get; set; } = 100;
}
