namespace OrleansBank.Runtime;

/// <summary>When idle activations are collected.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>How long an activation may sit idle before it is deactivated. Default: 15 minutes.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default: 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When one sweep collects at least this many activations, a compacting GC runs once they are gone, so the process
    /// gives their memory back to the OS. 0 (the default): never; the silo executable sets 10,000.
    /// </summary>
    public int CompactHeapAfterCollecting { get; set; }
}
