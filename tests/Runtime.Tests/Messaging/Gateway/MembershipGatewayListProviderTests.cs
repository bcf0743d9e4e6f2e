using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Tests.Cluster;
using OrleansBank.TestingHost;

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

    [Fact]
    public async Task UseClusterMembership_AnotherSiloBecomesActive_GatewayListNamesItAndSaysItChanged()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        builder.Services.AddSingleton<ISiloProber>(new FakeSiloProber());
        builder.Services.Configure<EndpointOptions>(endpoints => endpoints.SiloPort = 0);
        builder.UseOrleans(silo => silo.AddMemoryClusterTables(new MemoryClusterStore()).UseClusterMembership());
        using var host = builder.Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<IGatewayListProvider>();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += () => changed.TrySetResult();

        var table = host.Services.GetRequiredService<IMembershipTable>();
        var data = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(Row(9, SiloStatus.Active, "127.0.0.9:30000"), data.Version.Next()));
        await changed.Task.WaitAsync(Poll.DefaultTimeout);

        Assert.IsType<MembershipGatewayListProvider>(provider);
        Assert.Contains("127.0.0.9:30000", provider.Gateways);
        await host.StopAsync();
    }

    private static MembershipEntry Row(int silo, SiloStatus status, string? gateway) => new()
    {
        SiloAddress = new SiloAddress("127.0.0.1", 11110 + silo, 1),
        Status = status,
        GatewayEndpoint = gateway,
    };
}
