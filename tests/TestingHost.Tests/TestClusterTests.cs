using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

public class TestClusterTests
{
    /// <summary>Generous: disposal takes milliseconds; Orleans' own TestCluster once took 30 s (dotnet/orleans#6865).</summary>
    private static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(10);

    public static TheoryData<TestClientTransport> Transports =>
        [TestClientTransport.Hosted, TestClientTransport.InMemory, TestClientTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DeployAsync_EachClientTransport_CallsReachTheSameActivation(TestClientTransport transport)
    {
        var probe = new Probe();
        await using var cluster = await ProbeCluster.StartAsync(probe, transport);
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("p");

        Assert.Equal(1, await grain.Ping());
        Assert.Equal(2, await cluster.Client.GetGrain<IProbeGrain>("p").Ping());
        Assert.Equal(["activated:p"], probe.Log);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GatewayEndpoint_EachClientTransport_IsSetOnlyForAnExternalClient(TestClientTransport transport)
    {
        await using var cluster = await ProbeCluster.StartAsync(new Probe(), transport);

        switch (transport)
        {
            case TestClientTransport.Hosted:
                Assert.Null(cluster.GatewayEndpoint);
                break;
            case TestClientTransport.Tcp:
                // Loopback, on a port the system chose: tests never clash over fixed ports.
                Assert.StartsWith("127.0.0.1:", cluster.GatewayEndpoint);
                Assert.NotEqual("127.0.0.1:30000", cluster.GatewayEndpoint);
                break;
            default:
                Assert.NotNull(cluster.GatewayEndpoint);
                Assert.DoesNotContain("127.0.0.1", cluster.GatewayEndpoint);
                break;
        }
    }

    [Fact]
    public async Task DeployAsync_TwoTcpClustersAtOnce_GetDifferentPorts()
    {
        await using var first = await ProbeCluster.StartAsync(new Probe(), TestClientTransport.Tcp);
        await using var second = await ProbeCluster.StartAsync(new Probe(), TestClientTransport.Tcp);

        Assert.NotEqual(first.GatewayEndpoint, second.GatewayEndpoint);
        Assert.Equal(1, await first.GrainFactory.GetGrain<IProbeGrain>("p").Ping());
        Assert.Equal(1, await second.GrainFactory.GetGrain<IProbeGrain>("p").Ping());
    }

    [Fact]
    public void ServiceProvider_BeforeDeployAsync_ThrowsSayingToDeployFirst()
    {
        var cluster = ProbeCluster.Builder(new Probe()).Build();

        var error = Assert.Throws<InvalidOperationException>(() => cluster.ServiceProvider);
        Assert.Contains("Call DeployAsync", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_NeverDeployed_DoesNothing()
    {
        var cluster = ProbeCluster.Builder(new Probe()).Build();

        await cluster.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeAsync_WithActivations_DeactivatesThemQuickly(TestClientTransport transport)
    {
        var probe = new Probe();
        var cluster = await ProbeCluster.StartAsync(probe, transport);
        for (var i = 0; i < 20; i++)
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>($"p{i}").Ping();
        }

        await cluster.DisposeAsync().AsTask().WaitAsync(DisposeBound);

        Assert.Equal(20, probe.Log.Count(e => e.EndsWith(":ShuttingDown", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DisposeAsync_Twice_SecondDoesNothing()
    {
        var probe = new Probe();
        var cluster = await ProbeCluster.StartAsync(probe);
        await cluster.GrainFactory.GetGrain<IProbeGrain>("p").Ping();

        await cluster.DisposeAsync();
        await cluster.DisposeAsync();

        Assert.Equal(["activated:p", "deactivated:p:ShuttingDown"], probe.Log);
    }

    [Fact]
    public async Task ActivationCount_GrainsCalledThenOneDeactivated_FollowsTheSilo()
    {
        await using var cluster = await ProbeCluster.StartAsync(new Probe());
        Assert.Equal(0, cluster.ActivationCount);

        foreach (var key in new[] { "a", "b", "c" })
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>(key).Ping();
        }

        Assert.Equal(3, cluster.ActivationCount);
        await cluster.GrainFactory.GetGrain<IProbeGrain>("b").Deactivate();
        await Poll.UntilAsync(() => cluster.ActivationCount == 2, "grain b to leave the silo");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task StopAllSilosAsync_WithATurnInFlight_WaitsForItThenDeactivatesEverything(TestClientTransport transport)
    {
        var probe = new Probe();
        await using var cluster = await ProbeCluster.StartAsync(probe, transport);
        await cluster.GrainFactory.GetGrain<IProbeGrain>("idle").Ping();
        var held = cluster.GrainFactory.GetGrain<IProbeGrain>("busy").Hold();
        await probe.WaitFor("held:busy");

        var stopping = cluster.StopAllSilosAsync();
        await probe.WaitFor("deactivated:idle:ShuttingDown");
        Assert.False(stopping.IsCompleted, "stopping must wait for the turn in flight");
        probe.Release("busy");
        await stopping.WaitAsync(Poll.DefaultTimeout);

        if (transport == TestClientTransport.Hosted)
        {
            await held;
        }
        else
        {
            // An external client stops first: its call in flight fails as lost, while the silo still lets the turn finish.
            await Assert.ThrowsAsync<SiloUnavailableException>(() => held);
        }

        Assert.Contains("deactivated:busy:ShuttingDown", probe.Log);
        Assert.Equal(0, cluster.ActivationCount);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task WaitForQueuedRequestsAsync_CallBehindAHeldTurn_SeesItWaiting(TestClientTransport transport)
    {
        var probe = new Probe();
        await using var cluster = await ProbeCluster.StartAsync(probe, transport);
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("q");
        var held = grain.Hold();
        await probe.WaitFor("held:q");
        Assert.Equal(0, cluster.GetQueuedRequestCount(grain));

        var queued = grain.Ping();
        await cluster.WaitForQueuedRequestsAsync(grain, 1);

        Assert.Equal(1, cluster.GetQueuedRequestCount(grain));
        Assert.False(queued.IsCompleted, "the queued call must wait for the held turn");
        probe.Release("q");
        await held;
        Assert.Equal(1, await queued);
        Assert.Equal(0, cluster.GetQueuedRequestCount(grain));
    }

    [Fact]
    public async Task GetQueuedRequestCount_GrainWithoutActivation_IsZero()
    {
        await using var cluster = await ProbeCluster.StartAsync(new Probe());

        Assert.Equal(0, cluster.GetQueuedRequestCount(cluster.GrainFactory.GetGrain<IProbeGrain>("never-called")));
    }

    [Fact]
    public async Task WaitForQueuedRequestsAsync_NothingQueued_FailsNamingTheGrain()
    {
        await using var cluster = await ProbeCluster.StartAsync(new Probe());
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("empty");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.WaitForQueuedRequestsAsync(grain, 1, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("1 request(s) to be queued at probe/empty", error.Message);
    }

    [Theory]
    [InlineData(TestClientTransport.InMemory)]
    [InlineData(TestClientTransport.Tcp)]
    public async Task DropClientConnectionsAsync_CallInFlight_FailsItAndTheClientReconnects(TestClientTransport transport)
    {
        var probe = new Probe();
        await using var cluster = await ProbeCluster.StartAsync(probe, transport);
        var held = cluster.GrainFactory.GetGrain<IProbeGrain>("d").Hold();
        await probe.WaitFor("held:d");

        await cluster.DropClientConnectionsAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => held.WaitAsync(Poll.DefaultTimeout));
        probe.Release("d");
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<IProbeGrain>("after-drop").Ping());
    }
}
