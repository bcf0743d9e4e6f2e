using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The PostgreSQL cluster tables register as all three services, with options bound and checked before the silo starts.</summary>
public class PostgresClusterSiloBuilderExtensionsTests
{
    [Fact]
    public async Task AddPostgresClusterTables_SettingsInConfiguration_AreBoundAndOneStoreServesAllThree()
    {
        using var host = Build(new()
        {
            ["Cluster:Postgres:ConnectionString"] = "Host=127.0.0.1;Username=x;Password=x;Database=x",
            ["Cluster:Postgres:ChangeFallbackPollInterval"] = "00:00:02",
        }, silo => silo.AddPostgresClusterTables(o => o.MaxConnections = 3));

        var options = host.Services.GetRequiredService<IOptions<PostgresClusterOptions>>().Value;
        var membership = host.Services.GetRequiredService<IMembershipTable>();

        Assert.Equal(TimeSpan.FromSeconds(2), options.ChangeFallbackPollInterval);
        Assert.Equal(3, options.MaxConnections);
        Assert.Same(membership, host.Services.GetRequiredService<IMembershipTableChanges>());
        Assert.Same(membership, host.Services.GetRequiredService<IGrainDirectoryTable>());
        await ((IAsyncDisposable)membership).DisposeAsync();
    }

    [Fact]
    public async Task AddPostgresClusterTables_InvalidSettings_SiloRefusesToStartSayingWhichAndWhy()
    {
        using var host = Build(new()
        {
            ["Cluster:Postgres:MaxConnections"] = "0",
            ["Cluster:Postgres:ChangeFallbackPollInterval"] = "00:00:00",
        }, silo => silo.AddPostgresClusterTables());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionString is empty", error.Message);
        Assert.Contains("MaxConnections is 0", error.Message);
        Assert.Contains("ChangeFallbackPollInterval is 00:00:00", error.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
