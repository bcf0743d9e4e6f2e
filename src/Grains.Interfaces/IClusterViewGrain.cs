using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// The cluster as the silo hosting this grain sees it (the same as its GET /cluster): how a client reaches it through
/// a gateway. It holds no state; any key works, <see cref="Key"/> by convention.
/// </summary>
public interface IClusterViewGrain : IGrainWithStringKey
{
    /// <summary>The one key clients use.</summary>
    const string Key = "cluster";

    /// <summary>Every member the membership table knows, with activation counts fetched live from each.</summary>
    [ReadOnly]
    Task<ClusterReport> GetCluster();
}
