using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Postgres.Tests;

/// <summary>The provider's options are named after it, bound from configuration and checked before the silo starts.</summary>
public class PostgresSiloBuilderExtensionsTests
{
    [Fact]
    public void AddPostgresGrainStorage_SettingsInConfiguration_AreBoundUnderTheProviderName()
    {
        using var host = Build(new()
        {
            ["GrainStorage:shared:TableName"] = "bank_state",
            ["GrainStorage:shared:MaxConnections"] = "7",
        }, silo => silo.AddPostgresGrainStorage("shared", o => o.ConnectionString = "Host=127.0.0.1"));

        var options = host.Services.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get("shared");

        Assert.Equal("bank_state", options.TableName);
        Assert.Equal(7, options.MaxConnections);
        Assert.Equal("Host=127.0.0.1", options.ConnectionString);
    }

    [Fact]
    public async Task AddPostgresGrainStorage_InvalidSettings_SiloRefusesToStartSayingWhichAndWhy()
    {
        using var host = Build(new()
        {
            ["GrainStorage:Default:EventLogTableName"] = "log; DROP TABLE x",
            ["GrainStorage:Default:MaxConnections"] = "0",
        }, silo => silo.AddPostgresGrainStorage(GrainStorage.DefaultProviderName, _ => { }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Grain storage 'Default': ConnectionString is empty", error.Message);
        Assert.Contains("EventLogTableName 'log; DROP TABLE x' is not a plain table name", error.Message);
        Assert.Contains("MaxConnections is 0", error.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
