namespace OrleansBank.Runtime.Cluster;

/// <summary>One cluster's rows in a <see cref="MemoryClusterStore"/>; every access holds the lock on this object.</summary>
internal sealed class MemoryClusterState
{
    public long Version { get; set; }

    public Dictionary<SiloAddress, (MembershipEntry Entry, string ETag)> Rows { get; } = [];

    public Dictionary<GrainId, GrainRegistration> Directory { get; } = [];

    public Dictionary<(GrainId Grain, string Name), ReminderEntry> Reminders { get; } = [];

    /// <summary>Completed and replaced at every version bump; waiters hold the one current when they last looked.</summary>
    public TaskCompletionSource Changed { get; private set; } = NewSignal();

    public void Bump()
    {
        Version++;
        var fired = Changed;
        Changed = NewSignal();
        fired.TrySetResult();
    }

    public void DropRegistrationsOf(SiloAddress silo)
    {
        foreach (var grain in Directory.Where(d => d.Value.Silo == silo).Select(d => d.Key).ToList())
        {
            Directory.Remove(grain);
        }
    }

    // Waiters resume on the pool, never inside the writer's lock.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
