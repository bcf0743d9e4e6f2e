using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

public class MembershipJoinEndpointsTests
{
    [Fact]
    public async Task JoinAsync_SiloWithGatewayAndHttp_RowCarriesBothAsOthersUseThem()
    {
        var tables = new MemoryClusterTables(new MemoryClusterStore(), ClusterOptions.DefaultClusterId);
        var clock = new ManualTimeProvider();
        var address = new SiloAddress("127.0.0.5", 11111, clock.GetUtcNow().ToUnixTimeMilliseconds());
        await using var membership = new MembershipService(
            tables,
            tables,
            new FakeSiloProber(),
            new RecordingSiloLifetime(),
            new LocalSiloDetails(address, () => "127.0.0.5:30000", "http://127.0.0.5:8080"),
            Microsoft.Extensions.Options.Options.Create(new ClusterMembershipOptions()),
            clock,
            NullLogger<MembershipService>.Instance);

        await membership.JoinAsync(CancellationToken.None);

        var row = (await tables.ReadAllAsync()).Find(address)!.Value.Entry;
        Assert.Equal("127.0.0.5:30000", row.GatewayEndpoint);
        Assert.Equal("http://127.0.0.5:8080", row.HttpEndpoint);
    }
}
