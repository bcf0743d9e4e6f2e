using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Tests.Cluster.ClusterTableFixtures;

namespace OrleansBank.Tests.Cluster;

/// <summary>The membership rules every store keeps (Orleans' semantics); each store's test class derives from this one.</summary>
public abstract class MembershipTableContractTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _clusterId = NewClusterId();

    /// <summary>A store scoped to <paramref name="clusterId"/>, initialized; it also serves the change signal and directory.</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync(string clusterId);

    private Task<IMembershipTable> CreateTableAsync() => CreateTableAsync(_clusterId);

    [Fact]
    public async Task ReadAll_EmptyTable_ReturnsNoRowsAndAVersionAnInsertCanUse()
    {
        var table = await CreateTableAsync();

        var read = await table.ReadAllAsync();

        Assert.Empty(read.Rows);
        Assert.True(await table.InsertRowAsync(Entry(NewSilo()), read.Version.Next()));
    }

    [Fact]
    public async Task Initialize_Twice_KeepsRowsAndVersion()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        await InsertAsync(table, Entry(silo));
        var before = await table.ReadAllAsync();

        await table.InitializeAsync(CancellationToken.None);

        var after = await table.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Entry(silo), Assert.Single(after.Rows).Entry);
    }

    [Fact]
    public async Task InsertRow_ThenRead_ReturnsEveryFieldAndBumpsTheVersion()
    {
        var table = await CreateTableAsync();
        var empty = await table.ReadAllAsync();
        var entry = Entry(NewSilo()) with { SuspectTimes = [new SuspicionVote(NewSilo(), Epoch.AddSeconds(5))] };
        var bare = Entry(NewSilo(), SiloStatus.Joining) with { SiloName = "", GatewayEndpoint = null, HttpEndpoint = null };

        Assert.True(await table.InsertRowAsync(entry, empty.Version.Next()));
        Assert.True(await table.InsertRowAsync(bare, (await table.ReadAllAsync()).Version.Next()));

        var all = await table.ReadAllAsync();
        Assert.Equal(empty.Version.Version + 2, all.Version.Version);
        Assert.Equal(entry, all.Find(entry.SiloAddress)!.Value.Entry);
        Assert.Equal(bare, all.Find(bare.SiloAddress)!.Value.Entry);
        var one = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(all.Version, one.Version);
        Assert.Equal(all.Find(entry.SiloAddress), Assert.Single(one.Rows));
    }

    [Fact]
    public async Task ReadRow_UnknownSilo_ReturnsNoRowAndTheVersion()
    {
        var table = await CreateTableAsync();
        await InsertAsync(table, Entry(NewSilo()));

        var read = await table.ReadRowAsync(NewSilo());

        Assert.Empty(read.Rows);
        Assert.Equal((await table.ReadAllAsync()).Version, read.Version);
    }

    [Fact]
    public async Task InsertRow_SiloAlreadyThere_ReturnsFalseAndKeepsTheFirstRow()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        await InsertAsync(table, Entry(silo));
        var read = await table.ReadAllAsync();

        Assert.False(await table.InsertRowAsync(Entry(silo, SiloStatus.Dead), read.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Rows).Entry.Status);
    }

    [Fact]
    public async Task InsertRow_StaleTableVersion_ReturnsFalseAndWritesNothing()
    {
        var table = await CreateTableAsync();
        var stale = (await table.ReadAllAsync()).Version;
        await InsertAsync(table, Entry(NewSilo()));
        var late = NewSilo();

        Assert.False(await table.InsertRowAsync(Entry(late), stale.Next()));

        Assert.Null((await table.ReadAllAsync()).Find(late));
    }

    [Fact]
    public async Task UpdateRow_CurrentETagAndVersion_ReplacesTheRowWithANewETag()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(table, Entry(silo, SiloStatus.Joining));
        var read = await table.ReadAllAsync();
        var active = Entry(silo) with { HttpEndpoint = "http://127.0.0.1:9999" };

        Assert.True(await table.UpdateRowAsync(active, etag, read.Version.Next()));

        var after = await table.ReadAllAsync();
        var row = Assert.Single(after.Rows);
        Assert.Equal(active, row.Entry);
        Assert.NotEqual(etag, row.ETag);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_StaleETag_ReturnsFalseAndKeepsTheNewerRow()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        var stale = await InsertAsync(table, Entry(silo, SiloStatus.Joining));
        var read = await table.ReadAllAsync();
        Assert.True(await table.UpdateRowAsync(Entry(silo), stale, read.Version.Next()));
        var current = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(Entry(silo, SiloStatus.Dead), stale, current.Version.Next()));

        var after = await table.ReadAllAsync();
        Assert.Equal(current.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Rows).Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_StaleTableVersion_ReturnsFalseEvenWithTheCurrentETag()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(table, Entry(silo));
        var stale = (await table.ReadAllAsync()).Version;
        await InsertAsync(table, Entry(NewSilo()));

        Assert.False(await table.UpdateRowAsync(Entry(silo, SiloStatus.Dead), etag, stale.Next()));

        Assert.Equal(SiloStatus.Active, (await table.ReadRowAsync(silo)).Find(silo)!.Value.Entry.Status);
    }

    [Fact]
    public async Task UpdateRow_UnknownSilo_ReturnsFalse()
    {
        var table = await CreateTableAsync();
        var read = await table.ReadAllAsync();

        Assert.False(await table.UpdateRowAsync(Entry(NewSilo()), "no-such-etag", read.Version.Next()));

        Assert.Empty((await table.ReadAllAsync()).Rows);
    }

    [Fact]
    public async Task UpdateRow_RacersWithTheSameRead_ExactlyOneWins()
    {
        const int Racers = 6;
        var table = await CreateTableAsync();
        var suspect = NewSilo();
        var etag = await InsertAsync(table, Entry(suspect));
        var read = await table.ReadAllAsync();
        var voters = Enumerable.Range(0, Racers).Select(_ => NewSilo()).ToArray();

        var results = await RaceAsync(Racers, i => table.UpdateRowAsync(
            Entry(suspect) with { SuspectTimes = [new SuspicionVote(voters[i], Epoch.AddSeconds(i))] }, etag, read.Version.Next()));

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal(voters[winner], Assert.Single(Assert.Single(after.Rows).Entry.SuspectTimes).Voter);
    }

    [Fact]
    public async Task InsertRow_RacersWithTheSameRead_ExactlyOneWins()
    {
        const int Racers = 6;
        var table = await CreateTableAsync();
        var read = await table.ReadAllAsync();
        var silos = Enumerable.Range(0, Racers).Select(_ => NewSilo()).ToArray();

        var results = await RaceAsync(Racers, i => table.InsertRowAsync(Entry(silos[i]), read.Version.Next()));

        var winner = Assert.Single(Enumerable.Range(0, Racers), i => results[i]);
        Assert.Equal(silos[winner], Assert.Single((await table.ReadAllAsync()).Rows).Entry.SiloAddress);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesTheHeartbeatAloneAndLeavesVersionAndETag()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(table, Entry(silo));
        var read = await table.ReadAllAsync();
        var beat = Epoch.AddMinutes(3);

        await table.UpdateIAmAliveAsync(Entry(silo, SiloStatus.Dead) with { IAmAliveTime = beat, SiloName = "ignored" });

        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version, after.Version);
        var row = Assert.Single(after.Rows);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(Entry(silo) with { IAmAliveTime = beat }, row.Entry);
        Assert.True(await table.UpdateRowAsync(row.Entry with { Status = SiloStatus.ShuttingDown }, etag, read.Version.Next()));
    }

    [Fact]
    public async Task UpdateIAmAlive_UnknownSilo_WritesNothing()
    {
        var table = await CreateTableAsync();

        await table.UpdateIAmAliveAsync(Entry(NewSilo()));

        Assert.Empty((await table.ReadAllAsync()).Rows);
    }

    [Fact]
    public async Task UpdateRow_SuspicionVotes_RoundTripInOrder()
    {
        var table = await CreateTableAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(table, Entry(silo));
        var votes = new[]
        {
            new SuspicionVote(NewSilo(), Epoch.AddSeconds(10)),
            new SuspicionVote(new SiloAddress("::1", 22222, 5), Epoch.AddSeconds(11)),
            new SuspicionVote(new SiloAddress("silo-host.example", 33333, 6), Epoch.AddMilliseconds(11_001)),
        };
        var read = await table.ReadAllAsync();

        Assert.True(await table.UpdateRowAsync(Entry(silo) with { SuspectTimes = votes }, etag, read.Version.Next()));

        Assert.Equal(votes, Assert.Single((await table.ReadAllAsync()).Rows).Entry.SuspectTimes);
    }

    [Fact]
    public async Task Tables_OfTwoClusterIds_AreIsolated()
    {
        var mine = await CreateTableAsync();
        var theirs = await CreateTableAsync(NewClusterId());
        var silo = NewSilo();
        await InsertAsync(mine, Entry(silo));
        var theirVersion = (await theirs.ReadAllAsync()).Version;

        Assert.Empty((await theirs.ReadAllAsync()).Rows);
        Assert.True(await theirs.InsertRowAsync(Entry(silo, SiloStatus.Joining), theirVersion.Next()));
        await theirs.DeleteMembershipTableEntriesAsync(NewClusterId());

        Assert.Equal(SiloStatus.Active, Assert.Single((await mine.ReadAllAsync()).Rows).Entry.Status);
        Assert.Equal(SiloStatus.Joining, Assert.Single((await theirs.ReadAllAsync()).Rows).Entry.Status);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesRowsAndAnEarlierReadNoLongerMatches()
    {
        var table = await CreateTableAsync();
        await InsertAsync(table, Entry(NewSilo()));
        var before = await table.ReadAllAsync();

        await table.DeleteMembershipTableEntriesAsync(_clusterId);

        var after = await table.ReadAllAsync();
        Assert.Empty(after.Rows);
        Assert.False(await table.InsertRowAsync(Entry(NewSilo()), before.Version.Next()));
        Assert.True(await table.InsertRowAsync(Entry(NewSilo()), after.Version.Next()));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DeletesOldRowsThatAreNotActive()
    {
        var table = await CreateTableAsync();
        var cutoff = Epoch.AddMinutes(10);
        var oldDead = NewSilo();
        var oldJoining = NewSilo();
        var oldActive = NewSilo();
        var freshDead = NewSilo();
        await InsertAsync(table, Entry(oldDead, SiloStatus.Dead));
        await InsertAsync(table, Entry(oldJoining, SiloStatus.Joining));
        await InsertAsync(table, Entry(oldActive));
        await InsertAsync(table, Entry(freshDead, SiloStatus.Dead) with { IAmAliveTime = cutoff.AddSeconds(1) });

        await table.CleanupDefunctSiloEntriesAsync(cutoff);

        Assert.Equal(
            new[] { oldActive, freshDead }.Select(s => s.ToString()).Order(StringComparer.Ordinal),
            (await table.ReadAllAsync()).Rows.Select(r => r.Entry.SiloAddress.ToString()));
    }

    [Fact]
    public async Task WaitForChange_VersionedWriteAfterTheCall_ReturnsTheNewVersion()
    {
        var table = await CreateTableAsync();
        var changes = (IMembershipTableChanges)table;
        var seen = (await table.ReadAllAsync()).Version;
        var wait = changes.WaitForChangeAsync(seen, CancellationToken.None);
        Assert.False(wait.IsCompleted, "nothing changed yet");

        await InsertAsync(table, Entry(NewSilo()));

        var changed = await wait.WaitAsync(Deadline);
        Assert.True(changed.Version > seen.Version);
        Assert.Equal((await table.ReadAllAsync()).Version, changed);
    }

    [Fact]
    public async Task WaitForChange_SeenIsAlreadyStale_ReturnsAtOnce()
    {
        var table = await CreateTableAsync();
        var seen = (await table.ReadAllAsync()).Version;
        await InsertAsync(table, Entry(NewSilo()));

        var changed = await ((IMembershipTableChanges)table).WaitForChangeAsync(seen, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(seen.Version + 1, changed.Version);
    }

    [Fact]
    public async Task WaitForChange_Cancelled_StopsWaiting()
    {
        var table = await CreateTableAsync();
        using var cancel = new CancellationTokenSource();
        var wait = ((IMembershipTableChanges)table).WaitForChangeAsync((await table.ReadAllAsync()).Version, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Deadline));
    }
}
