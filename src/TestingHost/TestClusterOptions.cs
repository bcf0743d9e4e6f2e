namespace OrleansBank.TestingHost;

/// <summary>The shape of a test cluster, as Orleans' TestClusterOptions.</summary>
public sealed class TestClusterOptions
{
    /// <summary>How many silos <see cref="TestCluster.DeployAsync"/> starts. Default: 1.</summary>
    public short InitialSilosCount { get; set; } = 1;

    /// <summary>The cluster id every silo joins under. Default: "testcluster".</summary>
    public string ClusterId { get; set; } = "testcluster";

    /// <summary>
    /// Whether the silos are cluster members (shared in-memory membership table, probes, votes). Default (null): yes
    /// when <see cref="InitialSilosCount"/> is more than one, so a single silo stays as light as it always was.
    /// </summary>
    public bool? UseClusterMembership { get; set; }

    /// <summary>True when the silos run membership, by choice or because there are several.</summary>
    internal bool MembershipEnabled => UseClusterMembership ?? InitialSilosCount > 1;

    /// <summary>Throws, saying what to change, when the options cannot make a cluster.</summary>
    internal void Validate()
    {
        if (InitialSilosCount < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(InitialSilosCount), InitialSilosCount, $"A test cluster needs at least one silo; InitialSilosCount was {InitialSilosCount}.");
        }

        if (Runtime.Cluster.ClusterOptionsValidator.Problem(ClusterId) is { } problem)
        {
            throw new ArgumentException($"TestClusterOptions.ClusterId: {problem}", nameof(ClusterId));
        }

        if (UseClusterMembership == false && InitialSilosCount > 1)
        {
            throw new ArgumentException(
                $"{InitialSilosCount} silos need cluster membership to find each other: leave UseClusterMembership unset or true.", nameof(UseClusterMembership));
        }
    }
}
