using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>The PostgreSQL reminder table shares the cluster tables' options, checked before the silo starts.</summary>
public class PostgresReminderSiloBuilderExtensionsTests
{
    [Fact]
    public async Task AddPostgresReminderTable_BesideTheClusterTables_SharesTheirOptions()
    {
        using var host = Build(new()
        {
            ["Cluster:Postgres:ConnectionString"] = "Host=127.0.0.1;Username=x;Password=x;Database=x",
        }, silo => silo.AddPostgresClusterTables(o => o.MaxConnections = 3).AddPostgresReminderTable());

        var options = host.Services.GetRequiredService<IOptions<PostgresClusterOptions>>().Value;
        var reminders = host.Services.GetRequiredService<IReminderTable>();

        Assert.Equal(3, options.MaxConnections);
        Assert.Equal("Host=127.0.0.1;Username=x;Password=x;Database=x", options.ConnectionString);
        await ((IAsyncDisposable)reminders).DisposeAsync();
        await ((IAsyncDisposable)host.Services.GetRequiredService<IMembershipTable>()).DisposeAsync();
    }

    [Fact]
    public async Task AddPostgresReminderTable_NoConnectionString_SiloRefusesToStartSayingSo()
    {
        using var host = Build([], silo => silo.AddPostgresReminderTable());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionString is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_RunTwiceBySilosStartingTogether_Succeeds()
    {
        var clusterId = $"test-{Guid.NewGuid():N}";
        await using var first = new Persistence.Postgres.PostgresReminderTable(new PostgresClusterOptions { ConnectionString = PostgresServer.ConnectionString }, clusterId);
        await using var second = new Persistence.Postgres.PostgresReminderTable(new PostgresClusterOptions { ConnectionString = PostgresServer.ConnectionString }, clusterId);

        await Task.WhenAll(first.InitializeAsync(CancellationToken.None), second.InitializeAsync(CancellationToken.None));

        Assert.Empty(await second.ReadRowsAsync(new GrainId("order", "1")));
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
