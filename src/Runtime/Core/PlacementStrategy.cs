namespace OrleansBank.Runtime;

/// <summary>How a cluster picks the silo for a grain's new activation; set on the grain class with a placement attribute.</summary>
public enum PlacementStrategy
{
    /// <summary>Any active silo, chosen at random: the default, spreads load without coordination.</summary>
    Random,

    /// <summary>The silo the call starts on, when it is active; otherwise random.</summary>
    PreferLocal,

    /// <summary>The active silo a consistent hash of the grain id points at: every silo picks the same one.</summary>
    HashBased,
}
