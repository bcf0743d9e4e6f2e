using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>
/// An activation keeps a small window of history (4 here) and a snapshot every 5 events; what fell out of the window
/// is answered from the log exactly as it was answered the first time, before and after a restart.
/// </summary>
public class AccountWindowTests
{
    private const int Window = 4;

    private static Task<BankCluster> StartAsync(FlakyStorage? storage = null) => BankCluster.StartAsync(storage, configure: silo => silo
        .AddAccountOptions(o => o.RecentWindow = Window)
        .ConfigureServices(s => s.Configure<EventLogOptions>(o => o.SnapshotEvery = 5)));

    [Fact]
    public async Task Withdraw_OperationIdThatFellOutOfTheWindow_ReturnsTheFirstOutcomeAndChangesNothing()
    {
        var storage = new FlakyStorage();
        await using (var bank = await StartAsync(storage))
        {
            var account = await bank.OpenAsync(100m, "old-ids");
            var first = await account.Withdraw(30m, "w-old");
            var declined = await account.Withdraw(1000m, "w-declined");
            for (var i = 1; i <= 3 * Window; i++)
            {
                await account.Deposit(1m, $"d{i}");
            }

            var events = storage.StoredEventCount(new GrainId("account", "old-ids"));

            Assert.Equal(first with { Replayed = true }, await account.Withdraw(30m, "w-old"));
            Assert.Equal(declined with { Replayed = true }, await account.Withdraw(1000m, "w-declined"));
            Assert.Equal((70m, false), (first.Balance, declined.Approved));
            var conflict = await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Deposit(5m, "w-old"));
            Assert.Contains("withdraw 30", conflict.Message);
            Assert.Equal(82m, await account.GetBalance());
            Assert.Equal(events, storage.StoredEventCount(new GrainId("account", "old-ids")));
        }

        // A new activation, from the latest snapshot, answers the same.
        await using var again = await StartAsync(storage);
        var restarted = again.Grains.GetGrain<IAccountGrain>("old-ids");
        var repeat = await restarted.Withdraw(30m, "w-old");
        Assert.Equal((true, true, 70m), (repeat.Replayed, repeat.Approved, repeat.Balance));
        Assert.Equal(new DepositResult("d1", 1m, 71m, Replayed: true), await restarted.Deposit(1m, "d1"));
        Assert.Equal(82m, await restarted.GetBalance());
    }

    [Fact]
    public async Task Open_OperationIdThatFellOutOfTheWindow_ReturnsTheOpeningSummary()
    {
        await using var bank = await StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("old-open");
        var opened = await account.Open("Ada", 10m, "open-x");
        for (var i = 1; i <= 2 * Window; i++)
        {
            await account.Deposit(1m, $"d{i}");
        }

        Assert.Equal(opened with { Replayed = true }, await account.Open("Ada", 10m, "open-x"));
        await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Open("Bob", 10m, "open-x"));
    }

    [Fact]
    public async Task GetStatementPage_EntriesOutOfTheWindow_ComeFromTheLogWithTheirSequencesAndBalances()
    {
        var storage = new FlakyStorage();
        await using (var bank = await StartAsync(storage))
        {
            var account = await bank.OpenAsync(1m, "paged");
            for (var i = 2; i <= 25; i++)
            {
                await (i % 5 == 0 ? account.Withdraw(1000m, $"no{i}") : Task.CompletedTask);
                await account.Deposit(1m, $"d{i}");
            }
        }

        await using var again = await StartAsync(storage);
        var restarted = again.Grains.GetGrain<IAccountGrain>("paged");
        var pages = new List<StatementPage>();
        for (long after = 0; pages.Count == 0 || pages[^1].HasMore; after = pages[^1].NextAfter)
        {
            pages.Add(await restarted.GetStatementPage(after, 3));
        }

        var entries = pages.SelectMany(p => p.Entries).ToArray();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (decimal)i), entries.Select(e => e.BalanceAfter));
        Assert.Equal(["d2", "d3"], entries[1..3].Select(e => e.OperationId));
        Assert.All(pages, p => Assert.Equal(25L, p.TotalEntries));
        Assert.Equal(entries, (await restarted.GetStatement()).Entries);
        Assert.Equal(entries[^10..], (await restarted.GetStatementTail(10)).Entries);
        Assert.Equal(entries[5..8], (await restarted.GetStatementPage(5, 3)).Entries);
    }

    [Fact]
    public async Task TransferLegs_OutOfTheWindow_AreFoundInTheLog_AndTheirEntriesKeepTheirCounterparty()
    {
        await using var bank = await StartAsync();
        var account = await bank.OpenAsync(100m, "legs");
        var legs = bank.Grains.GetGrain<ITransferLegs>("legs");
        await legs.ReserveDebit("t-slow", 10m, "bob");
        for (var i = 1; i <= 2 * Window; i++)
        {
            await legs.ReserveDebit($"t{i}", 1m, "carol");
            await legs.PostLeg($"t{i}");
        }

        await legs.PostLeg("t-slow");
        for (var i = 1; i <= 2 * Window; i++)
        {
            await account.Deposit(1m, $"d{i}");
        }

        var repeated = await legs.PostLeg("t1");
        Assert.Equal((true, LegState.Posted, 1m), (repeated.Replayed, repeated.Leg.State, repeated.Leg.Amount));
        Assert.True((await legs.ReserveDebit("t1", 1m, "carol")).Replayed);
        await Assert.ThrowsAsync<OperationIdConflictException>(() => legs.ReserveDebit("t1", 2m, "carol"));
        await Assert.ThrowsAsync<AccountException>(() => legs.VoidLeg("t1"));
        Assert.Equal(90m, await account.GetBalance());

        // Entry 10 is the post of t-slow, long out of memory; its page replays from a checkpoint after the reserve.
        var slow = Assert.Single((await account.GetStatementPage(9, 1)).Entries);
        Assert.Equal((10L, "t-slow", LedgerEntryKind.TransferOut, "bob", 10m, 82m), (slow.Sequence, slow.TransferId, slow.Kind, slow.Counterparty, slow.Amount, slow.BalanceAfter));
        Assert.Equal(slow, (await account.GetStatement()).Entries.Single(e => e.TransferId == "t-slow"));
    }
}
