namespace OrleansBank.Grains;

/// <summary>What a silo knows of its cluster: every member its membership table holds, dead ones included.</summary>
/// <param name="ClusterId">The cluster's id (--cluster-id).</param>
/// <param name="Silos">The members, in the table's ring order.</param>
public sealed record ClusterReport(string ClusterId, IReadOnlyList<ClusterMember> Silos);
