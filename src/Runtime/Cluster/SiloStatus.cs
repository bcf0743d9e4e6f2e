namespace OrleansBank.Runtime.Cluster;

/// <summary>Where a silo is in its life, as the membership table records it; a silo only ever moves down this list.</summary>
public enum SiloStatus
{
    /// <summary>Started and inserted its row, but takes no grains yet.</summary>
    Joining = 1,

    /// <summary>A full member: hosts grains and answers probes.</summary>
    Active = 2,

    /// <summary>Stopping gracefully: hands its grains and clients over, then writes itself dead.</summary>
    ShuttingDown = 3,

    /// <summary>Gone for good; a silo that reads itself dead stops. Its directory rows are removed in the same write.</summary>
    Dead = 4,
}
