using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>The provider's options are named after it, bound from configuration and checked before the silo starts.</summary>
public class SqliteSiloBuilderExtensionsTests
{
    [Fact]
    public void AddSqliteGrainStorage_SettingsInConfiguration_AreBoundUnderTheProviderName()
    {
        using var host = Build(new()
        {
            ["GrainStorage:ledger:DatabasePath"] = "elsewhere/ledger.db",
            ["GrainStorage:ledger:BusyTimeout"] = "00:00:03",
            ["GrainStorage:ledger:GroupCommit"] = "false",
        }, silo => silo.AddSqliteGrainStorage("ledger"));

        var options = host.Services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get("ledger");

        Assert.Equal("elsewhere/ledger.db", options.DatabasePath);
        Assert.Equal(TimeSpan.FromSeconds(3), options.BusyTimeout);
        Assert.False(options.GroupCommit);
    }

    [Fact]
    public void AddSqliteGrainStorage_ConfigureGiven_OverridesConfiguration()
    {
        using var host = Build(new() { ["GrainStorage:Default:DatabasePath"] = "from-config.db" }, silo => silo.AddSqliteGrainStorage(
            configure: o => o.DatabasePath = "from-code.db"));

        var options = host.Services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(GrainStorage.DefaultProviderName);

        Assert.Equal("from-code.db", options.DatabasePath);
    }

    [Fact]
    public async Task AddSqliteGrainStorage_InvalidSettings_SiloRefusesToStartSayingWhichAndWhy()
    {
        using var host = Build(new()
        {
            ["GrainStorage:Default:DatabasePath"] = " ",
            ["GrainStorage:Default:MaxDatabaseSize"] = "0",
        }, silo => silo.AddSqliteGrainStorage());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Grain storage 'Default': DatabasePath is empty", error.Message);
        Assert.Contains("MaxDatabaseSize is 0", error.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
