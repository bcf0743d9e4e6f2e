using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>The SQLite cluster tables register as all three services, with options bound and checked before the silo starts.</summary>
public class SqliteClusterSiloBuilderExtensionsTests
{
    [Fact]
    public async Task AddSqliteClusterTables_SettingsInConfiguration_AreBoundAndOneStoreServesAllThree()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sqlite-cluster-di-{Guid.NewGuid():N}");
        using var host = Build(new()
        {
            ["Cluster:ClusterId"] = "bank-east",
            ["Cluster:Sqlite:DatabasePath"] = Path.Combine(folder, "cluster.db"),
            ["Cluster:Sqlite:ChangePollInterval"] = "00:00:00.100",
        }, silo => silo.AddSqliteClusterTables());

        var options = host.Services.GetRequiredService<IOptions<SqliteClusterOptions>>().Value;
        var membership = host.Services.GetRequiredService<IMembershipTable>();

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.ChangePollInterval);
        Assert.Equal("bank-east", host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        Assert.Same(membership, host.Services.GetRequiredService<IMembershipTableChanges>());
        Assert.Same(membership, host.Services.GetRequiredService<IGrainDirectoryTable>());
        try
        {
            await membership.InitializeAsync(CancellationToken.None);
            Assert.True(File.Exists(Path.Combine(folder, "cluster.db")));
        }
        finally
        {
            await ((IAsyncDisposable)membership).DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AddSqliteClusterTables_InvalidSettings_SiloRefusesToStartSayingWhichAndWhy()
    {
        using var host = Build(new()
        {
            ["Cluster:Sqlite:DatabasePath"] = " ",
            ["Cluster:Sqlite:ChangePollInterval"] = "00:00:00",
        }, silo => silo.AddSqliteClusterTables());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DatabasePath is empty", error.Message);
        Assert.Contains("ChangePollInterval is 00:00:00", error.Message);
    }

    [Fact]
    public async Task AddSqliteClusterTables_EmptyClusterId_SiloRefusesToStart()
    {
        using var host = Build(new() { ["Cluster:ClusterId"] = " " }, silo => silo.AddSqliteClusterTables());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClusterId is empty", error.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
