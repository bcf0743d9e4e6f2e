using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;

namespace OrleansBank.Runtime.Tests.Messaging.Gateway;

public class MembershipGatewayListProviderTests
{
    [Fact]
    public void Of_RowsInEveryStatus_ListsTheActiveRowsGatewaysOnly()
    {
        var snapshot = new MembershipSnapshot(TableVersion.Initial,
        [
            Row(1, SiloStatus.Active, "127.0.0.1:30001"),
            Row(2, SiloStatus.ShuttingDown, "127.0.0.1:30002"),
            Row(3, SiloStatus.Dead, "127.0.0.1:30003"),
            Row(4, SiloStatus.Joining, "127.0.0.1:30004"),
            Row(5, SiloStatus.Active, null),
            Row(6, SiloStatus.Active, "127.0.0.1:30006"),
        ]);

        Assert.Equal(["127.0.0.1:30001", "127.0.0.1:30006"], MembershipGatewayListProvider.Of(snapshot));
    }

    private static MembershipEntry Row(int silo, SiloStatus status, string? gateway) => new()
    {
        SiloAddress = new SiloAddress("127.0.0.1", 11110 + silo, 1),
        Status = status,
        GatewayEndpoint = gateway,
    };
}
