using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>A cluster view grain that answers one fixed report: a live silo with activations and a dead one without.</summary>
public sealed class FixedClusterViewGrain : Grain, IClusterViewGrain
{
    public static readonly ClusterReport Report = new(
        "blue",
        [
            new ClusterMember("127.0.0.1:11111", 1763790000000, SiloStatus.Active, "127.0.0.1:30000", "http://127.0.0.1:8080", new Dictionary<string, int> { ["account"] = 12, ["transfer"] = 2 }, new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)),
            new ClusterMember("127.0.0.1:11112", 1763790000001, SiloStatus.Dead, "127.0.0.1:30001", "http://127.0.0.1:8081", null, new DateTimeOffset(2026, 11, 22, 7, 59, 0, TimeSpan.Zero)),
        ]);

    public Task<ClusterReport> GetCluster() => Task.FromResult(Report);
}
