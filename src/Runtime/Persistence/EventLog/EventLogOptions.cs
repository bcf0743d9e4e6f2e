namespace OrleansBank.Runtime;

/// <summary>How grains' event logs keep snapshots, so an activation replays only the events after the latest one.</summary>
public sealed class EventLogOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "EventLog";

    /// <summary>
    /// A log whose grain replays through a snapshot (<see cref="IPersistentLog{TEvent}.ReplayAsync"/>) stores one every
    /// this many events; 0 turns writing snapshots off (stored ones are still used). Default: 1,000.
    /// </summary>
    public int SnapshotEvery { get; set; } = 1000;
}
