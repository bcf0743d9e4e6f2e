using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Tests.Cluster.ClusterTableFixtures;

namespace OrleansBank.Tests.Cluster;

/// <summary>The reminder table's rules every store keeps; each store's test class derives from this one.</summary>
public abstract class ReminderTableContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = Epoch.AddMinutes(10);

    private readonly string _clusterId = NewClusterId();

    /// <summary>
    /// A store of its own scoped to <paramref name="clusterId"/>, initialized, as another silo would open it; every
    /// store a test opens shares one database (or one memory store).
    /// </summary>
    protected abstract Task<IReminderTable> CreateTableAsync(string clusterId);

    private Task<IReminderTable> CreateAsync() => CreateTableAsync(_clusterId);

    private static GrainId NewGrain() => new("standing-order", Guid.NewGuid().ToString("N"));

    private static ReminderEntry Reminder(GrainId grain, string name = "tick", DateTimeOffset? due = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = due ?? Now,
        Period = period ?? TimeSpan.FromMinutes(1),
        DueTime = due ?? Now,
    };

    private static (GrainId, string) Key(ReminderEntry entry) => (entry.GrainId, entry.ReminderName);

    [Fact]
    public async Task ReadRow_NoReminder_ReturnsNull()
    {
        var table = await CreateAsync();

        Assert.Null(await table.ReadRowAsync(NewGrain(), "tick"));
        Assert.Empty(await table.ReadRowsAsync(NewGrain()));
    }

    [Fact]
    public async Task UpsertRow_NewReminder_ReadRowReturnsItUnleasedWithTheEtag()
    {
        var table = await CreateAsync();
        var entry = Reminder(new GrainId("account/with/slashes", "key/also"), "name with spaces", Now.AddSeconds(5), TimeSpan.FromSeconds(90)) with
        {
            StartAt = Now.AddSeconds(5),
        };

        var etag = await table.UpsertRowAsync(entry);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry with { ETag = etag }, await table.ReadRowAsync(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task UpsertRow_TimesWithTicks_KeptToTheMillisecond()
    {
        var table = await CreateAsync();
        var entry = Reminder(NewGrain(), due: Now.AddTicks(12_345)) with { Period = TimeSpan.FromSeconds(1).Add(TimeSpan.FromTicks(5)) };

        await table.UpsertRowAsync(entry);

        var read = await table.ReadRowAsync(entry.GrainId, entry.ReminderName);
        Assert.Equal(Now.AddMilliseconds(1), read!.DueTime);
        Assert.Equal(TimeSpan.FromSeconds(1), read.Period);
    }

    [Fact]
    public async Task UpsertRow_ExistingReminder_ReplacesItWithANewEtag()
    {
        var table = await CreateAsync();
        var grain = NewGrain();
        var first = await table.UpsertRowAsync(Reminder(grain));
        var replacement = Reminder(grain, due: Now.AddHours(1), period: TimeSpan.FromSeconds(1));

        var second = await table.UpsertRowAsync(replacement);

        Assert.NotEqual(first, second);
        Assert.Equal(replacement with { ETag = second }, await table.ReadRowAsync(grain, "tick"));
        Assert.Single(await table.ReadRowsAsync(grain));
    }

    [Fact]
    public async Task ReadRows_GrainWithReminders_ReturnsOnlyItsOwnOrderedByName()
    {
        var table = await CreateAsync();
        var (grain, other) = (NewGrain(), NewGrain());
        await table.UpsertRowAsync(Reminder(grain, "b"));
        await table.UpsertRowAsync(Reminder(grain, "a"));
        await table.UpsertRowAsync(Reminder(other, "a"));

        var rows = await table.ReadRowsAsync(grain);

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName));
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RemoveRow_CurrentEtag_DeletesTheRow()
    {
        var table = await CreateAsync();
        var grain = NewGrain();
        var etag = await table.UpsertRowAsync(Reminder(grain));

        Assert.True(await table.RemoveRowAsync(grain, "tick", etag));

        Assert.Null(await table.ReadRowAsync(grain, "tick"));
    }

    [Fact]
    public async Task RemoveRow_StaleEtag_RefusedAndTheRowKept()
    {
        var table = await CreateAsync();
        var grain = NewGrain();
        var stale = await table.UpsertRowAsync(Reminder(grain));
        var current = await table.UpsertRowAsync(Reminder(grain, period: TimeSpan.FromMinutes(2)));

        Assert.False(await table.RemoveRowAsync(grain, "tick", stale));

        Assert.Equal(current, (await table.ReadRowAsync(grain, "tick"))!.ETag);
    }

    [Fact]
    public async Task RemoveRow_NoSuchReminder_ReturnsFalse()
    {
        var table = await CreateAsync();

        Assert.False(await table.RemoveRowAsync(NewGrain(), "tick", "whatever"));
    }

    [Fact]
    public async Task UpsertRow_PeriodOfOneSecond_Accepted()
    {
        var table = await CreateAsync();
        var entry = Reminder(NewGrain(), period: TimeSpan.FromSeconds(1));

        var etag = await table.UpsertRowAsync(entry);

        Assert.Equal(TimeSpan.FromSeconds(1), (await table.ReadRowAsync(entry.GrainId, entry.ReminderName))!.Period);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-1000)]
    public async Task UpsertRow_PeriodUnderOneSecond_RefusedNamingTheRule(int milliseconds)
    {
        var table = await CreateAsync();
        var entry = Reminder(NewGrain(), period: TimeSpan.FromMilliseconds(milliseconds));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertRowAsync(entry));

        Assert.Contains("at least 1 second", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.ReadRowAsync(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task UpsertRow_EmptyName_RefusedSayingSo()
    {
        var table = await CreateAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertRowAsync(Reminder(NewGrain(), " ")));

        Assert.Contains("name is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimDue_SomeDueSomeNot_TakesOnlyTheDueRowsLeasedToTheSilo()
    {
        var table = await CreateAsync();
        var silo = NewSilo();
        var (past, exact, future) = (Reminder(NewGrain(), due: Now.AddSeconds(-5)), Reminder(NewGrain(), due: Now), Reminder(NewGrain(), due: Now.AddMilliseconds(1)));
        var etags = new Dictionary<(GrainId, string), string>();
        foreach (var entry in new[] { past, exact, future })
        {
            etags[Key(entry)] = await table.UpsertRowAsync(entry);
        }

        var claimed = await table.ClaimDueAsync(silo, Now, Lease, 100);

        Assert.Equal([Key(past), Key(exact)], claimed.Select(Key));
        Assert.All(claimed, c =>
        {
            Assert.Equal(silo, c.LeaseOwner);
            Assert.Equal(Now + Lease, c.LeaseExpiry);
            Assert.NotEqual(etags[Key(c)], c.ETag);
        });
        Assert.Equal(claimed[0], await table.ReadRowAsync(past.GrainId, past.ReminderName));
        Assert.Null((await table.ReadRowAsync(future.GrainId, future.ReminderName))!.LeaseOwner);
    }

    [Fact]
    public async Task ClaimDue_MoreDueThanMax_TakesTheEarliestMax()
    {
        var table = await CreateAsync();
        var entries = Enumerable.Range(0, 5).Select(i => Reminder(NewGrain(), due: Now.AddSeconds(-i))).ToList();
        foreach (var entry in entries)
        {
            await table.UpsertRowAsync(entry);
        }

        var claimed = await table.ClaimDueAsync(NewSilo(), Now, Lease, 2);

        Assert.Equal([Key(entries[4]), Key(entries[3])], claimed.Select(Key));
    }

    [Fact]
    public async Task ClaimDue_LeaseHeld_NotTakenAgainBeforeItLapses()
    {
        var table = await CreateAsync();
        await table.UpsertRowAsync(Reminder(NewGrain()));
        Assert.Single(await table.ClaimDueAsync(NewSilo(), Now, Lease, 100));

        Assert.Empty(await table.ClaimDueAsync(NewSilo(), Now + Lease - TimeSpan.FromMilliseconds(1), Lease, 100));
    }

    [Fact]
    public async Task ClaimDue_LeaseLapsed_AnotherSiloReclaimsAndTheFirstCannotComplete()
    {
        var (first, second) = (await CreateAsync(), await CreateAsync());
        var (dead, alive) = (NewSilo(), NewSilo());
        var entry = Reminder(NewGrain());
        await first.UpsertRowAsync(entry);
        var lost = Assert.Single(await first.ClaimDueAsync(dead, Now, Lease, 100));

        var reclaimed = Assert.Single(await second.ClaimDueAsync(alive, Now + Lease, Lease, 100));

        Assert.Equal(alive, reclaimed.LeaseOwner);
        Assert.Equal(Now + Lease + Lease, reclaimed.LeaseExpiry);
        Assert.False(await first.CompleteTickAsync(lost, lost.ETag!, lost.NextDueAfter(Now + Lease)));
        Assert.Equal(reclaimed, await second.ReadRowAsync(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task ClaimDue_TwoSilosRacing_GetDisjointSetsThatCoverEveryDueRow()
    {
        // Several rounds, each of fresh due rows (earlier rounds' rows stay leased), so a lost race shows in one of them.
        const int Rounds = 5;
        const int Rows = 20;
        var tables = new[] { await CreateAsync(), await CreateAsync() };
        var silos = new[] { NewSilo(), NewSilo() };
        for (var round = 0; round < Rounds; round++)
        {
            var entries = Enumerable.Range(0, Rows).Select(i => Reminder(NewGrain(), due: Now.AddMilliseconds(-i))).ToList();
            foreach (var entry in entries)
            {
                await tables[0].UpsertRowAsync(entry);
            }

            var claims = await RaceAsync(2, i => tables[i].ClaimDueAsync(silos[i], Now, Lease, Rows));

            Assert.Empty(claims[0].Select(Key).Intersect(claims[1].Select(Key)));
            Assert.Equal(entries.Select(Key).ToHashSet(), claims.SelectMany(c => c).Select(Key).ToHashSet());
            for (var i = 0; i < 2; i++)
            {
                foreach (var claimed in claims[i])
                {
                    var row = await tables[0].ReadRowAsync(claimed.GrainId, claimed.ReminderName);
                    Assert.Equal(silos[i], row!.LeaseOwner);
                    Assert.Equal(claimed.ETag, row.ETag);
                }
            }
        }
    }

    [Fact]
    public async Task CompleteTick_ClaimStillHeld_FreesTheLeaseAndMovesTheDueTimeByWholePeriodsPastNow()
    {
        var table = await CreateAsync();
        var period = TimeSpan.FromSeconds(10);
        var entry = Reminder(NewGrain(), due: Now, period: period);
        await table.UpsertRowAsync(entry);
        var late = Now.AddSeconds(35); // three ticks missed while nobody delivered: skipped, not replayed
        var claimed = Assert.Single(await table.ClaimDueAsync(NewSilo(), late, Lease, 100));
        var nextDue = claimed.NextDueAfter(late);

        Assert.True(await table.CompleteTickAsync(claimed, claimed.ETag!, nextDue));

        var row = await table.ReadRowAsync(entry.GrainId, entry.ReminderName);
        Assert.Equal(Now.AddSeconds(40), row!.DueTime);
        Assert.Equal(Now, row.StartAt);
        Assert.Null(row.LeaseOwner);
        Assert.Null(row.LeaseExpiry);
        Assert.NotEqual(claimed.ETag, row.ETag);
        Assert.Empty(await table.ClaimDueAsync(NewSilo(), Now.AddSeconds(40).AddMilliseconds(-1), Lease, 100));
        Assert.Single(await table.ClaimDueAsync(NewSilo(), Now.AddSeconds(40), Lease, 100));
    }

    [Fact]
    public async Task CompleteTick_SameClaimTwice_SecondFails()
    {
        var table = await CreateAsync();
        await table.UpsertRowAsync(Reminder(NewGrain()));
        var claimed = Assert.Single(await table.ClaimDueAsync(NewSilo(), Now, Lease, 100));
        Assert.True(await table.CompleteTickAsync(claimed, claimed.ETag!, claimed.NextDueAfter(Now)));

        Assert.False(await table.CompleteTickAsync(claimed, claimed.ETag!, claimed.NextDueAfter(Now).AddHours(1)));

        Assert.Equal(claimed.NextDueAfter(Now), (await table.ReadRowAsync(claimed.GrainId, claimed.ReminderName))!.DueTime);
    }

    [Fact]
    public async Task CompleteTick_ReminderReplacedDuringTheTick_FailsAndKeepsTheNewRow()
    {
        var table = await CreateAsync();
        var grain = NewGrain();
        await table.UpsertRowAsync(Reminder(grain));
        var claimed = Assert.Single(await table.ClaimDueAsync(NewSilo(), Now, Lease, 100));
        var replacement = Reminder(grain, due: Now.AddHours(2), period: TimeSpan.FromHours(1));
        var etag = await table.UpsertRowAsync(replacement);

        Assert.False(await table.CompleteTickAsync(claimed, claimed.ETag!, claimed.NextDueAfter(Now)));

        Assert.Equal(replacement with { ETag = etag }, await table.ReadRowAsync(grain, "tick"));
    }

    [Fact]
    public async Task CompleteTick_ReminderRemovedDuringTheTick_FailsAndWritesNothing()
    {
        var table = await CreateAsync();
        var grain = NewGrain();
        await table.UpsertRowAsync(Reminder(grain));
        var claimed = Assert.Single(await table.ClaimDueAsync(NewSilo(), Now, Lease, 100));
        Assert.True(await table.RemoveRowAsync(grain, "tick", claimed.ETag!));

        Assert.False(await table.CompleteTickAsync(claimed, claimed.ETag!, claimed.NextDueAfter(Now)));

        Assert.Null(await table.ReadRowAsync(grain, "tick"));
    }

    [Fact]
    public async Task Reminders_OfTwoClusterIds_AreIsolated()
    {
        var (mine, theirs) = (await CreateAsync(), await CreateTableAsync(NewClusterId()));
        var grain = NewGrain();
        var etag = await mine.UpsertRowAsync(Reminder(grain));

        Assert.Null(await theirs.ReadRowAsync(grain, "tick"));
        Assert.Empty(await theirs.ReadRowsAsync(grain));
        Assert.Empty(await theirs.ClaimDueAsync(NewSilo(), Now, Lease, 100));
        Assert.False(await theirs.RemoveRowAsync(grain, "tick", etag));
        var theirEtag = await theirs.UpsertRowAsync(Reminder(grain, period: TimeSpan.FromHours(1)));

        Assert.Equal(etag, (await mine.ReadRowAsync(grain, "tick"))!.ETag);
        Assert.Equal(TimeSpan.FromMinutes(1), (await mine.ReadRowAsync(grain, "tick"))!.Period);
        Assert.Equal(theirEtag, (await theirs.ReadRowAsync(grain, "tick"))!.ETag);
    }
}
