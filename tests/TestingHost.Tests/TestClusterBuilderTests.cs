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

    public sealed class CollectNothingForAYear : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromDays(365));
    }
}
