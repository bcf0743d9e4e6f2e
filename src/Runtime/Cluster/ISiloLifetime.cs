namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// How the runtime asks its host to stop this silo (for instance when the cluster declared it dead): the executable
/// exits non-zero, a TestCluster stops that silo alone. The runtime never ends the process itself.
/// </summary>
public interface ISiloLifetime
{
    /// <summary>Stops this silo; <paramref name="reason"/> says why, for the log. Called at most once.</summary>
    void StopSilo(string reason);
}
