using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.TestingHost.Tests.TestGrains;

namespace OrleansBank.TestingHost.Tests;

public class TestClusterBuilderTests
{
    [Fact]
    public async Task UseTimeProvider_ManualClock_IsTheClockGrainsSee()
    {
        var time = new ManualTimeProvider();
        var cluster = ProbeCluster.Builder(new Probe()).UseTimeProvider(time).Build();
        await using var _ = cluster;
        await cluster.DeployAsync();
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("clock");

        Assert.Equal(time.GetUtcNow(), await grain.Now());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), await grain.Now());
    }

    [Fact]
    public async Task AddSiloBuilderConfigurator_Configurator_ConfiguresTheSilo()
    {
        var probe = new Probe();
        var cluster = ProbeCluster.Builder(probe).AddSiloBuilderConfigurator<CollectNothingForAYear>().Build();
        await using var _ = cluster;
        await cluster.DeployAsync();

        var options = cluster.ServiceProvider.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(365), options.CollectionAge);
    }

    [Fact]
    public async Task ConfigureClient_ExternalClient_RunsTheStep()
    {
        var steps = 0;
        var cluster = ProbeCluster.Builder(new Probe(), TestClientTransport.InMemory).ConfigureClient(_ => steps++).Build();
        await using var _ = cluster;
        await cluster.DeployAsync();

        Assert.Equal(1, steps);
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<IProbeGrain>("c").Ping());
    }

    [Fact]
    public async Task ConfigureClient_HostedClient_IsNotUsed()
    {
        var steps = 0;
        var cluster = ProbeCluster.Builder(new Probe()).ConfigureClient(_ => steps++).Build();
        await using var _ = cluster;
        await cluster.DeployAsync();

        Assert.Equal(0, steps);
    }

    [Fact]
    public void Options_DefaultBuilder_IsOneSiloWithMembershipLeftToTheCount()
    {
        var builder = new TestClusterBuilder();

        Assert.Equal(1, builder.Options.InitialSilosCount);
        Assert.Null(builder.Options.UseClusterMembership);
    }

    [Fact]
    public void Options_BuilderOfThree_IsThreeSilos()
    {
        var cluster = new TestClusterBuilder(3).Build();

        Assert.Equal(3, cluster.Options.InitialSilosCount);
    }

    [Fact]
    public void Build_NoSilos_SaysAClusterNeedsOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TestClusterBuilder(0).Build());

        Assert.Contains("at least one silo", error.Message);
    }

    [Fact]
    public void Build_SeveralSilosWithMembershipTurnedOff_SaysTheyNeedIt()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseClusterMembership = false;

        var error = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("need cluster membership", error.Message);
    }

    [Fact]
    public async Task DeployAsync_ThreeSilosOverTcp_ListenOnFreeLoopbackPortsAndAgree()
    {
        await using var cluster = await ManySilos.Builder(3).UseClientTransport(TestClientTransport.Tcp).Build().DeployAsyncAndReturn();

        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.All(cluster.Silos, s => Assert.StartsWith("127.0.0.1:", s.GatewayEndpoint));
        Assert.Equal(3, cluster.Silos.Select(s => s.SiloAddress.Endpoint).Distinct().Count());
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<IProbeGrain>("tcp").Ping());
        await Assert.ThrowsAsync<NotSupportedException>(() => cluster.KillSiloAsync(cluster.SecondarySilos[0]));
    }

    public sealed class CollectNothingForAYear : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromDays(365));
    }
}
