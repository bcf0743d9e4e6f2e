using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Sqlite.Tests.Cluster;

/// <summary>
/// What the SQLite store adds to the contract: silo processes on one machine share the file. Each store here has its
/// own connections, threads and change signal, exactly as a separate process has.
/// </summary>
public sealed class SqliteClusterTablesTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly SqliteClusterTablesFolder _folder = new();
    private readonly string _clusterId = ClusterTableFixtures.NewClusterId();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _folder.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoStoresOnOneFile_SeeEachOthersWrites()
    {
        var first = await _folder.OpenAsync(_clusterId);
        var second = await _folder.OpenAsync(_clusterId);
        var silo = ClusterTableFixtures.NewSilo();

        var etag = await ClusterTableFixtures.InsertAsync(first, ClusterTableFixtures.Entry(silo));
        var seen = await second.ReadAllAsync();
        Assert.True(await second.UpdateRowAsync(ClusterTableFixtures.Entry(silo, SiloStatus.ShuttingDown), etag, seen.Version.Next()));
        var registration = new GrainRegistration(new GrainId("account", "a"), silo, "activation-1");
        Assert.Equal(registration, await first.RegisterAsync(registration));

        Assert.Equal(SiloStatus.ShuttingDown, Assert.Single((await first.ReadAllAsync()).Rows).Entry.Status);
        Assert.Equal(registration, await second.LookupAsync(registration.GrainId));
        Assert.Equal(registration, await second.RegisterAsync(registration with { ActivationId = "activation-2" }));
    }

    [Fact]
    public async Task TwoStoresOnOneFile_RacingUpdatersWithTheSameRead_ExactlyOneWins()
    {
        const int Racers = 6;
        var stores = new[] { await _folder.OpenAsync(_clusterId), await _folder.OpenAsync(_clusterId) };
        var suspect = ClusterTableFixtures.NewSilo();
        var etag = await ClusterTableFixtures.InsertAsync(stores[0], ClusterTableFixtures.Entry(suspect));
        var read = await stores[1].ReadAllAsync();

        var results = await ClusterTableFixtures.RaceAsync(Racers, i => stores[i % 2].UpdateRowAsync(
            ClusterTableFixtures.Entry(suspect) with { SiloName = $"writer-{i}" }, etag, read.Version.Next()));

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal($"writer-{winner}", Assert.Single((await stores[winner % 2].ReadAllAsync()).Rows).Entry.SiloName);
    }

    [Fact]
    public async Task WaitForChange_WriteByAnotherStoreOnTheFile_IsSeenByPolling()
    {
        var writer = await _folder.OpenAsync(_clusterId);
        var watcher = await _folder.OpenAsync(_clusterId, pollInterval: TimeSpan.FromMilliseconds(20));
        var seen = (await watcher.ReadAllAsync()).Version;
        var wait = watcher.WaitForChangeAsync(seen, CancellationToken.None);

        await ClusterTableFixtures.InsertAsync(writer, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));

        Assert.Equal(seen.Version + 1, (await wait.WaitAsync(Deadline)).Version);
    }

    [Fact]
    public async Task InsertRow_AnotherProcessHoldsTheWriteLockPastTheBusyTimeout_FailsSayingTheFileStayedLocked()
    {
        var tables = await _folder.OpenAsync(_clusterId);
        var impatient = new SqliteClusterTables(new SqliteClusterOptions { DatabasePath = _folder.DatabasePath, BusyTimeout = TimeSpan.FromSeconds(1) }, _clusterId);
        await using var _ = impatient;
        var read = await tables.ReadAllAsync();
        await using var other = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await other.OpenAsync();
        using var holding = other.BeginTransaction(deferred: false);

        var error = await Assert.ThrowsAsync<ClusterTableException>(
            () => impatient.InsertRowAsync(ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()), read.Version.Next()));

        Assert.Contains("stayed locked by another writer", error.Message);
        Assert.Contains(_folder.DatabasePath, error.Message);
        holding.Rollback();
        Assert.True(await impatient.InsertRowAsync(ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()), read.Version.Next()));
    }

    [Fact]
    public async Task Initialize_OnTheGrainStorageFolder_UsesItsOwnFileBesideIt()
    {
        var tables = await _folder.OpenAsync(_clusterId);

        await ClusterTableFixtures.InsertAsync(tables, ClusterTableFixtures.Entry(ClusterTableFixtures.NewSilo()));

        Assert.True(File.Exists(_folder.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await connection.OpenAsync();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Initialize_FileIsNotADatabase_FailsWithAClusterTableErrorNamingTheFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder.DatabasePath)!);
        await File.WriteAllTextAsync(_folder.DatabasePath, new string('x', 8192));
        var tables = new SqliteClusterTables(new SqliteClusterOptions { DatabasePath = _folder.DatabasePath }, _clusterId);
        await using var _ = tables;

        var error = await Assert.ThrowsAsync<ClusterTableException>(() => tables.InitializeAsync(CancellationToken.None));

        Assert.Contains(_folder.DatabasePath, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
    }

    [Fact]
    public void Constructor_EmptyClusterId_ThrowsSayingWhatToGive()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteClusterTables(new SqliteClusterOptions(), " "));

        Assert.Contains("ClusterId is empty", error.Message);
    }
}
