using System.Diagnostics;
using System.Text.Json;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests;

/// <summary>A store that fills up or goes away: the affected calls fail clearly, nothing half-written remains, and service resumes with the store.</summary>
public sealed class StoreFaultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"store-faults-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "bank.db");

    [Fact]
    public async Task Sqlite_DiskFull_WritesFailClearly_ReadsGoOn_AndWritesResumeWhenThereIsRoom()
    {
        SqliteStorageOptions? options = null;
        var acknowledged = new List<string>();
        await using (var cluster = await StartSqliteClusterAsync(o => options = o))
        {
            var account = cluster.GrainFactory.GetGrain<IAccountGrain>("full");
            await account.Open("Ada", 1_000_000m, "open");
            options!.MaxDatabaseSize = 1; // SQLite keeps the cap at the current size: the next new page fails like a full disk.

            GrainStorageException? full = null;
            for (var i = 0; i < 20_000 && full is null; i++)
            {
                try
                {
                    Assert.True((await account.Withdraw(1m, $"w{i}")).Approved);
                    acknowledged.Add($"w{i}");
                }
                catch (GrainStorageException ex)
                {
                    full = ex;
                }
            }

            Assert.NotNull(full);
            Assert.Contains("the disk is full", full.Message);
            Assert.Contains(DatabasePath, full.Message);
            var failedId = $"w{acknowledged.Count}";
            Assert.Equal(1_000_000m - acknowledged.Count, await account.GetBalance());
            var again = await Assert.ThrowsAsync<GrainStorageException>(() => account.Deposit(5m, "d-while-full"));
            Assert.Contains("the disk is full", again.Message);
            Assert.Equal(1_000_000m - acknowledged.Count, await account.GetBalance());

            options.MaxDatabaseSize = null;
            Assert.True((await account.Withdraw(1m, failedId)).Approved);
            acknowledged.Add(failedId);
        }

        // A fresh silo on the same file sees exactly what was acknowledged, nothing more.
        await using var restarted = await StartSqliteClusterAsync(_ => { });
        var statement = await restarted.GrainFactory.GetGrain<IAccountGrain>("full").GetStatement();
        Assert.Equal(["open", .. acknowledged], statement.Entries.Select(e => e.OperationId));
        Assert.Equal(1_000_000m - acknowledged.Count, statement.Balance);
    }

    [Fact]
    [Trait("Needs", "postgres")]
    [Trait("Needs", "root")]
    public async Task Postgres_StoppedMidRun_CallsFailClearly_AndTheSiloRecoversWhenItIsBack()
    {
        // A cluster of this test's own, so stopping it does not disturb the other PostgreSQL tests.
        var connection = await PostgresScriptAsync();
        var account = $"pg-fault-{Guid.NewGuid():N}";
        await using var silo = await SiloProcess.StartAsync(null, "--storage", "postgres", "--postgres", connection);
        Assert.Equal(0, (await silo.ClientAsync("open", account, "--initial", "100", "--op-id", "o1")).Exit);
        Assert.Equal(0, (await silo.ClientAsync("withdraw", account, "10", "--op-id", "w1")).Exit);

        await PostgresScriptAsync("--stop");
        var (exit, _, error) = await silo.ClientAsync("withdraw", account, "20", "--op-id", "w2");
        Assert.Equal(4, exit);
        Assert.Contains("PostgreSQL", error);
        Assert.False(silo.Process.Process.HasExited, "the silo must stay up while its store is down");
        using (var http = new HttpClient())
        {
            // Not ready while the store is down, with the reason; yet alive, so a supervisor does not restart it.
            using var ready = await http.GetAsync($"{silo.Http}/health/ready");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("The grain store", await ready.Content.ReadAsStringAsync());
            Assert.True((await http.GetAsync($"{silo.Http}/health/live")).IsSuccessStatusCode);
        }

        await PostgresScriptAsync();
        await Poll.UntilAsync(
            async () => (await silo.ClientAsync("withdraw", account, "20", "--op-id", "w2")).Exit == 0,
            "the withdrawal to go through once PostgreSQL is back",
            TimeSpan.FromSeconds(60));

        var (_, output, _) = await silo.ClientAsync("statement", account, "--json");
        var statement = JsonDocument.Parse(output).RootElement;
        Assert.Equal(70m, statement.GetProperty("balance").GetDecimal());
        Assert.Equal(["o1", "w1", "w2"], statement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("operationId").GetString()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// The port of this test's own cluster; scripts/test.sh stops it at the end. Below Linux's ephemeral range
    /// (32768-60999): a port in that range can be held, just as the cluster starts, by the local end of another
    /// test's outgoing connection, and PostgreSQL then cannot listen on it.
    /// </summary>
    private const string FaultsPort = "25432";

    private static async Task<string> PostgresScriptAsync(params string[] extra)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(Built.RepoRoot, "scripts", "postgres-up.sh"), "--cluster", "orleansbank_faults", "--port", FaultsPort }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"scripts/postgres-up.sh {string.Join(' ', extra)} failed: {await stderr}");
        return (await stdout).Trim();
    }

    private async Task<TestCluster> StartSqliteClusterAsync(Action<SqliteStorageOptions> capture)
    {
        var cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddSqliteGrainStorage(configure: o =>
                {
                    o.DatabasePath = DatabasePath;
                    capture(o);
                }))
            .Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
