using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

/// <summary>The client resends only a call its own gateway refused unrun, never one whose grain passed on a refusal.</summary>
public class NestedRefusalTests
{
    [Fact]
    public async Task Call_GrainPassesOnAnotherSilosShutdownRefusal_FailsOnceWithItAndTheGatewayIsNotLeft()
    {
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.InMemory);
        var connector = silo.Cluster.ClientServices.GetRequiredService<GatewayConnector>();

        var error = await Assert.ThrowsAsync<SiloShuttingDownException>(
            () => silo.Grains.GetGrain<INestedRefusalGrain>("outer").CallAStoppingSilo().WaitAsync(Poll.DefaultTimeout));

        Assert.Contains("127.0.0.1:11112:1 is shutting down", error.Message);
        Assert.Equal(["ran:outer"], silo.Gates.Log);
        Assert.False(connector.Session!.Draining, "a healthy gateway must not be left because of another silo's refusal");
    }

    [Fact]
    public async Task Connect_DrainingSessionReplacedWhileIdle_ClosesTheOldConnection()
    {
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.InMemory);
        var grain = silo.Grains.GetGrain<INestedRefusalGrain>("idle");
        var connector = silo.Cluster.ClientServices.GetRequiredService<GatewayConnector>();
        await Assert.ThrowsAsync<SiloShuttingDownException>(() => grain.CallAStoppingSilo());
        var old = connector.Session!;

        connector.MoveAwayFrom(old);
        await Assert.ThrowsAsync<SiloShuttingDownException>(() => grain.CallAStoppingSilo());

        Assert.NotSame(old, connector.Session);
        await old.Connection.Closed.WaitAsync(Poll.DefaultTimeout);
    }
}
