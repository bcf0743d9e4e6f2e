using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Hosting;

/// <summary>The membership service as a host gets it from UseClusterMembership.</summary>
public class ClusterMembershipSiloBuilderExtensionsTests
{
    [Fact]
    public async Task UseClusterMembership_TwoSilosOnOneStore_BothJoinActiveAndAStoppedOneIsDead()
    {
        var store = new MemoryClusterStore();
        using var first = Build(store, new());
        using var second = Build(store, new());

        await first.StartAsync();
        await second.StartAsync();
        var table = first.Services.GetRequiredService<IMembershipTable>();
        var firstSilo = first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var secondSilo = second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.All((await table.ReadAllAsync()).Rows, r => Assert.Equal(SiloStatus.Active, r.Entry.Status));
        Assert.Equal(2, (await table.ReadAllAsync()).Rows.Count);

        await second.StopAsync();

        Assert.Equal(SiloStatus.Dead, (await table.ReadAllAsync()).Find(secondSilo)!.Value.Entry.Status);
        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync()).Find(firstSilo)!.Value.Entry.Status);
        var view = first.Services.GetRequiredService<ISiloStatusView>();
        await first.Services.GetRequiredService<MembershipService>()
            .WaitForAsync(s => s.DeadSilos.Contains(secondSilo), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(view.IsDead(secondSilo));
        Assert.Equal([firstSilo], view.ActiveSilos);
        await first.StopAsync();
    }

    [Fact]
    public async Task UseClusterMembership_SiloDeclaredDead_StopsItsHost()
    {
        var store = new MemoryClusterStore();
        using var host = Build(store, new());
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        await host.StartAsync();
        var table = host.Services.GetRequiredService<IMembershipTable>();
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var data = await table.ReadAllAsync();
        var (entry, etag) = data.Find(silo)!.Value;
        Assert.True(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, data.Version.Next()));

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();
    }

    [Fact]
    public async Task UseClusterMembership_InvalidTiming_SiloRefusesToStartNamingTheOption()
    {
        using var host = Build(new MemoryClusterStore(), new() { ["Cluster:Membership:ProbeTimeout"] = "00:00:00" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Cluster:Membership:ProbeTimeout is 00:00:00; give a positive time", error.Message);
    }

    [Fact]
    public void UseClusterMembership_NoProber_FailsSayingWhatToAdd()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddMemoryClusterTables().UseClusterMembership());
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<MembershipService>());

        Assert.Contains("UseClusterMembership needs an ISiloProber", error.Message);
    }

    [Fact]
    public void UseClusterMembership_SiloLinksAskMembership_WhetherAPeerIsDead()
    {
        using var host = Build(new MemoryClusterStore(), []);

        var oracle = host.Services.GetRequiredService<ISiloStatusOracle>();

        Assert.IsType<MembershipSiloStatusOracle>(oracle);
        Assert.Same(host.Services.GetRequiredService<ISiloStatusView>(), oracle);
    }

    private static IHost Build(MemoryClusterStore store, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        // A clock that stands still: no timer fires, so the test sees only what start, stop and the change signal do.
        builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        builder.Services.AddSingleton<ISiloProber>(new FakeSiloProber());
        // Port 0: a free port each, since two silos on one endpoint are a restart and the newer declares the older dead.
        builder.Services.Configure<EndpointOptions>(endpoints => endpoints.SiloPort = 0);
        builder.UseOrleans(silo => silo.AddMemoryClusterTables(store).UseClusterMembership());
        return builder.Build();
    }
}
