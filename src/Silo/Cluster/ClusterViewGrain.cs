using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Silo.Http;

namespace OrleansBank.Silo.Cluster;

/// <summary>The client's way to the cluster report (orleansbank cluster): the same report as GET /cluster, over a gateway.</summary>
[Reentrant]
[GrainType("clusterview")]
internal sealed class ClusterViewGrain(ClusterViewReader reader) : Grain, IClusterViewGrain
{
    public Task<ClusterReport> GetCluster() => reader.ReadAsync(CancellationToken.None);
}
