using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Hosting;

/// <summary>The in-memory cluster tables as silos get them: one store shared by the silos of a process, scoped by cluster id.</summary>
public class ClusterTablesSiloBuilderExtensionsTests
{
    private static readonly SiloAddress Silo = new("127.0.0.1", 11111, 1);

    [Fact]
    public async Task AddMemoryClusterTables_TwoSilosGivenOneStore_SeeEachOthersRows()
    {
        var store = new MemoryClusterStore();
        using var first = Build(new(), silo => silo.AddMemoryClusterTables(store));
        using var second = Build(new(), silo => silo.AddMemoryClusterTables(store));
        var table = first.Services.GetRequiredService<IMembershipTable>();

        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync()).Version.Next()));

        Assert.Equal(Silo, Assert.Single((await second.Services.GetRequiredService<IMembershipTable>().ReadAllAsync()).Rows).Entry.SiloAddress);
        Assert.Same(table, first.Services.GetRequiredService<IGrainDirectoryTable>());
        Assert.Same(table, first.Services.GetRequiredService<IMembershipTableChanges>());
    }

    [Fact]
    public async Task AddMemoryClusterTables_OtherClusterIdInConfiguration_SharesNoRows()
    {
        var store = new MemoryClusterStore();
        using var east = Build(new() { ["Cluster:ClusterId"] = "east" }, silo => silo.AddMemoryClusterTables(store));
        using var west = Build(new() { ["Cluster:ClusterId"] = "west" }, silo => silo.AddMemoryClusterTables(store));
        var table = east.Services.GetRequiredService<IMembershipTable>();

        Assert.True(await table.InsertRowAsync(Entry(), (await table.ReadAllAsync()).Version.Next()));

        Assert.Empty((await west.Services.GetRequiredService<IMembershipTable>().ReadAllAsync()).Rows);
    }

    [Fact]
    public async Task AddMemoryClusterTables_ClusterIdTooLong_SiloRefusesToStartSayingWhy()
    {
        using var host = Build(new() { ["Cluster:ClusterId"] = new string('c', 200) }, silo => silo.AddMemoryClusterTables());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClusterId is 200 characters long; give at most 128", error.Message);
    }

    private static MembershipEntry Entry() => new() { SiloAddress = Silo, Status = SiloStatus.Active };

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
