using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Silo.Tests.Cluster;

/// <summary>Real silo executables forming a cluster through a shared store, driven over HTTP and by the real client.</summary>
public class ClusterProcessTests
{
    [Fact]
    public async Task SharedDataFolder_ThreeSilos_EveryOneShowsThreeActiveWithTheirEndpoints()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(3);

        foreach (var observer in cluster.Silos)
        {
            await cluster.UntilStatusAsync(observer, cluster.Silos, "active");
        }

        var view = await cluster.ViewAsync(cluster.Silos[0]);
        Assert.Equal("test", view.GetProperty("clusterId").GetString());
        var rows = view.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        foreach (var silo in cluster.Silos)
        {
            var row = Assert.Single(rows, r => r.GetProperty("http").GetString() == silo.Http);
            Assert.Equal($"127.0.0.1:{silo.GatewayPort}", row.GetProperty("gateway").GetString());
            Assert.StartsWith("127.0.0.1:", row.GetProperty("address").GetString());
            Assert.True(row.GetProperty("generation").GetInt64() > 0);
            Assert.Equal(JsonValueKind.Object, row.GetProperty("activations").ValueKind);
        }
    }

    [Fact]
    public async Task Advertise_HostName_IsTheHostOfTheSiloAddressAndEndpointsInItsRow()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder("--advertise", "localhost");
        await cluster.StartAsync(1);
        var silo = cluster.Silos[0];

        await cluster.UntilStatusAsync(silo, [silo], "active");

        var row = (await cluster.ViewAsync(silo)).GetProperty("silos").EnumerateArray().Single();
        Assert.StartsWith("localhost:", row.GetProperty("address").GetString());
        Assert.Equal($"localhost:{silo.GatewayPort}", row.GetProperty("gateway").GetString());
        Assert.Equal(silo.Http.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), row.GetProperty("http").GetString());
    }

    [Fact]
    public async Task SharedDataFolder_AccountOpened_CountedOnTheSiloThatHostsIt()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(3);
        await cluster.UntilStatusAsync(cluster.Silos[0], cluster.Silos, "active");

        var (exit, _, error) = await cluster.Silos[1].ClientAsync("open", "counted", "--initial", "10");

        Assert.True(exit == 0, error);
        await Poll.UntilAsync(
            async () => (await cluster.ViewAsync(cluster.Silos[0])).GetProperty("silos").EnumerateArray()
                .Sum(s => s.GetProperty("activations") is { ValueKind: JsonValueKind.Object } a && a.TryGetProperty("account", out var n) ? n.GetInt32() : 0) == 1,
            "silo 0's /cluster to count the one account activation, fetched from its peers");
    }

    [Fact]
    public async Task SharedDataFolder_OneSiloKilled_TheOthersShowItDead()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(3);
        await cluster.UntilStatusAsync(cluster.Silos[0], cluster.Silos, "active");

        var victim = cluster.Silos[2];
        victim.Process.Process.Kill();
        await victim.Process.Process.WaitForExitAsync();

        await cluster.UntilStatusAsync(cluster.Silos[0], [victim], "dead");
        await cluster.UntilStatusAsync(cluster.Silos[1], [victim], "dead");
        var view = await cluster.ViewAsync(cluster.Silos[1]);
        var dead = view.GetProperty("silos").EnumerateArray().Single(r => r.GetProperty("http").GetString() == victim.Http);
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("activations").ValueKind);
        Assert.Equal("active", SiloProcessCluster.StatusOf(view, cluster.Silos[0]));
    }

    [Fact]
    public async Task SharedDataFolder_ClientClusterJson_ListsTheThreeActiveSilos()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(3);
        await cluster.UntilStatusAsync(cluster.Silos[0], cluster.Silos, "active");

        var (exit, output, error) = await cluster.Silos[0].ClientAsync("cluster", "--json");
        var (tableExit, table, _) = await cluster.Silos[1].ClientAsync("cluster");

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("test", report.GetProperty("clusterId").GetString());
        Assert.Equal(
            cluster.Silos.Select(s => s.Http).Order(),
            report.GetProperty("silos").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "active").Select(s => s.GetProperty("http").GetString()).Order());
        Assert.Equal(0, tableExit);
        Assert.Contains("3 active of 3", table);
        Assert.All(cluster.Silos, s => Assert.Contains($"127.0.0.1:{s.GatewayPort}", table));
    }

    [Fact]
    [Trait("Needs", "postgres")]
    public async Task SharedPostgres_ThreeSilosOneKilled_TheOthersShowItDeadAndTheClientListsTwoActive()
    {
        await using var cluster = SiloProcessCluster.SharingPostgres();
        await cluster.StartAsync(3);
        await cluster.UntilStatusAsync(cluster.Silos[0], cluster.Silos, "active");
        await cluster.UntilStatusAsync(cluster.Silos[2], cluster.Silos, "active");

        var victim = cluster.Silos[1];
        victim.Process.Process.Kill();
        await victim.Process.Process.WaitForExitAsync();

        await cluster.UntilStatusAsync(cluster.Silos[0], [victim], "dead");
        await cluster.UntilStatusAsync(cluster.Silos[2], [victim], "dead");
        var (exit, output, error) = await cluster.Silos[2].ClientAsync("cluster", "--json");
        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(cluster.ClusterId, report.GetProperty("clusterId").GetString());
        Assert.Equal(2, report.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active"));
    }

    [Fact]
    public async Task SiloWrittenDeadInTheTable_ExitsWithCodeThreeSayingWhy()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(1);
        var silo = cluster.Silos[0];
        await cluster.UntilStatusAsync(silo, [silo], "active");

        await using (var tables = OpenSqliteTables(cluster.DataFolder))
        {
            var table = tables.GetRequiredService<IMembershipTable>();
            var data = await table.ReadAllAsync();
            var (row, etag) = Assert.Single(data.Rows);
            Assert.True(await table.UpdateRowAsync(row with { Status = SiloStatus.Dead }, etag, data.Version.Next()));
        }

        Assert.Equal(3, await silo.Process.WaitForExitAsync());
        Assert.Contains("declared dead by the cluster", silo.Process.Stdout + silo.Process.Stderr);
    }

    /// <summary>The silo's own SQLite cluster tables on <paramref name="data"/>, as a test's second writer.</summary>
    private static ServiceProvider OpenSqliteTables(string data)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:ClusterId"] = "test" }).Build();
        services.AddOrleans(configuration, silo => silo.AddSqliteClusterTables(o => o.DatabasePath = Path.Combine(data, "cluster.db")));
        return services.BuildServiceProvider();
    }
}
