using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>What the PostgreSQL store adds to the contract: silos on other machines see changes through NOTIFY, and the listener survives a broken connection.</summary>
public sealed class PostgresClusterTablesTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly PostgresClusterTablesScope _scope = new();
    private readonly string _clusterId = ClusterTableFixtures.NewClusterId();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _scope.DisposeAsync().AsTask();

    [Fact]
    public async Task WaitForChange_WriteByAnotherSilosStore_IsNotifiedWithoutPolling()
    {
        var writer = await _scope.OpenAsync(_clusterId);
        var watcher = await _scope.OpenAsync(_clusterId);
        var seen = (await watcher.ReadAllAsync()).Version;
        var wait = watcher.WaitForChangeAsync(seen, CancellationToken.None);

        await ClusterTableFixtures.InsertAsync(writer, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));

        Assert.Equal(seen.Version + 1, (await wait.WaitAsync(Deadline)).Version);
    }

    [Fact]
    public async Task WaitForChange_WriteToAnotherCluster_DoesNotCountAsAChange()
    {
        var watcher = await _scope.OpenAsync(_clusterId);
        var other = await _scope.OpenAsync(ClusterTableFixtures.NewClusterId());
        var mine = await _scope.OpenAsync(_clusterId);
        var seen = (await watcher.ReadAllAsync()).Version;
        var wait = watcher.WaitForChangeAsync(seen, CancellationToken.None);

        await ClusterTableFixtures.InsertAsync(other, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));
        await ClusterTableFixtures.InsertAsync(mine, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));

        // The other cluster's write moved its own version alone: this cluster's waiter returns this cluster's version.
        Assert.Equal(seen.Version + 1, (await wait.WaitAsync(Deadline)).Version);
    }

    [Fact]
    public async Task WaitForChange_ListenerConnectionKilled_ReconnectsAndIsNotifiedAgain()
    {
        var writer = await _scope.OpenAsync(_clusterId);
        var watcher = await _scope.OpenAsync(_clusterId);
        var killed = watcher.ListenerProcessId;
        Assert.NotEqual(0, killed);

        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid);", admin);
            kill.Parameters.AddWithValue("pid", killed);
            Assert.True((bool)(await kill.ExecuteScalarAsync())!);
        }

        await TestingHost.Poll.UntilAsync(() => watcher.ListenerProcessId is not 0 && watcher.ListenerProcessId != killed, "the listener to reconnect on a new server process");
        var seen = (await watcher.ReadAllAsync()).Version;
        var wait = watcher.WaitForChangeAsync(seen, CancellationToken.None);

        await ClusterTableFixtures.InsertAsync(writer, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));

        Assert.Equal(seen.Version + 1, (await wait.WaitAsync(Deadline)).Version);
    }

    [Fact]
    public async Task UpdateRow_RacersOnSeparateStores_ExactlyOneWins()
    {
        const int Racers = 6;
        var stores = new[] { await _scope.OpenAsync(_clusterId), await _scope.OpenAsync(_clusterId) };
        var suspect = ClusterTableFixtures.NewSilo();
        var etag = await ClusterTableFixtures.InsertAsync(stores[0], ClusterTableFixtures.Entry(suspect));
        var read = await stores[1].ReadAllAsync();

        var results = await ClusterTableFixtures.RaceAsync(Racers, i => stores[i % 2].UpdateRowAsync(
            ClusterTableFixtures.Entry(suspect) with { SiloName = $"writer-{i}" }, etag, read.Version.Next()));

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal($"writer-{winner}", Assert.Single((await stores[0].ReadAllAsync()).Rows).Entry.SiloName);
    }

    [Fact]
    public async Task Register_WhileTheSiloIsBeingDeclaredDead_WaitsForThatWriteAndRegistersNothing()
    {
        var tables = await _scope.OpenAsync(_clusterId);
        var silo = ClusterTableFixtures.NewSilo();
        await ClusterTableFixtures.InsertAsync(tables, ClusterTableFixtures.Entry(silo));
        await using var declaring = new NpgsqlConnection(PostgresServer.ConnectionString);
        await declaring.OpenAsync();
        await using var transaction = await declaring.BeginTransactionAsync();
        // What UpdateRowAsync does when it writes a silo dead, held open before its commit.
        await using (var dead = new NpgsqlCommand(
            """
            UPDATE cluster_membership SET status = 4 WHERE cluster_id = @c AND silo = @s;
            DELETE FROM cluster_grain_directory WHERE cluster_id = @c AND silo = @s;
            """,
            declaring))
        {
            dead.Parameters.AddWithValue("c", _clusterId);
            dead.Parameters.AddWithValue("s", silo.ToString());
            await dead.ExecuteNonQueryAsync();
        }

        var registration = new GrainRegistration(new GrainId("account", Guid.NewGuid().ToString("N")), silo, "late");
        var register = tables.RegisterAsync(registration);
        await TestingHost.Poll.UntilAsync(
            async () => register.IsCompleted || await BlockedBehindAsync(declaring.ProcessID),
            "the registration to finish or to wait on the dead declaration's row lock");
        await transaction.CommitAsync();

        Assert.Null(await register.WaitAsync(Deadline));
        Assert.Null(await tables.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task Initialize_ServerUnreachable_FailsWithAClusterTableErrorNamingTheServer()
    {
        await using var tables = new PostgresClusterTables(
            new PostgresClusterOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=3" },
            _clusterId,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var error = await Assert.ThrowsAsync<ClusterTableException>(() => tables.InitializeAsync(CancellationToken.None));

        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("unreachable", error.Message);
    }

    private static async Task<bool> BlockedBehindAsync(int processId)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var blocked = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE @pid = ANY(pg_blocking_pids(pid));", connection);
        blocked.Parameters.AddWithValue("pid", processId);
        return (long)(await blocked.ExecuteScalarAsync())! > 0;
    }
}
