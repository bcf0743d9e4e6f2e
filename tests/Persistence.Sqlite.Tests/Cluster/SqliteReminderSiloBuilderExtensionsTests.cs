using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>The SQLite reminder table shares the cluster tables' options and file, whichever of them starts first.</summary>
public class SqliteReminderSiloBuilderExtensionsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddSqliteReminderTable_WithTheClusterTables_BothLiveInOneFileWhicheverStartsFirst(bool remindersFirst)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sqlite-reminders-di-{Guid.NewGuid():N}");
        using var host = Build(new()
        {
            ["Cluster:ClusterId"] = "bank-east",
            ["Cluster:Sqlite:DatabasePath"] = Path.Combine(folder, "cluster.db"),
        }, silo => silo.AddSqliteClusterTables().AddSqliteReminderTable());
        var membership = host.Services.GetRequiredService<IMembershipTable>();
        var reminders = host.Services.GetRequiredService<IReminderTable>();
        var silo = new SiloAddress("127.0.0.1", 11111, 1);
        var entry = new ReminderEntry
        {
            GrainId = new GrainId("order", "1"),
            ReminderName = "run",
            StartAt = DateTimeOffset.FromUnixTimeSeconds(1_763_790_000),
            Period = TimeSpan.FromSeconds(1),
            DueTime = DateTimeOffset.FromUnixTimeSeconds(1_763_790_000),
        };
        try
        {
            Func<CancellationToken, Task>[] bootstraps = remindersFirst
                ? [reminders.InitializeAsync, membership.InitializeAsync]
                : [membership.InitializeAsync, reminders.InitializeAsync];
            foreach (var bootstrap in bootstraps)
            {
                await bootstrap(CancellationToken.None);
            }

            var read = await membership.ReadAllAsync();
            Assert.True(await membership.InsertRowAsync(new MembershipEntry { SiloAddress = silo, Status = SiloStatus.Active }, read.Version.Next()));
            var etag = await reminders.UpsertRowAsync(entry);

            Assert.Equal(entry with { ETag = etag }, await reminders.ReadRowAsync(entry.GrainId, entry.ReminderName));
            Assert.Single((await membership.ReadAllAsync()).Rows);
            Assert.Equal("bank-east", host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId);
        }
        finally
        {
            await ((IAsyncDisposable)membership).DisposeAsync();
            await ((IAsyncDisposable)reminders).DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AddSqliteReminderTable_InvalidSettings_SiloRefusesToStartSayingWhichAndWhy()
    {
        using var host = Build(new() { ["Cluster:Sqlite:DatabasePath"] = " " }, silo => silo.AddSqliteReminderTable());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DatabasePath is empty", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(configure);
        return builder.Build();
    }
}
