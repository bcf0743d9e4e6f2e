namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>Statements read a page at a time, from any point or from the end.</summary>
public class AccountStatementTests
{
    private static async Task<IAccountGrain> OpenWith25EntriesAsync(BankCluster bank)
    {
        var account = await bank.OpenAsync(1m);
        for (var i = 2; i <= 25; i++)
        {
            await account.Deposit(1m, $"d{i}");
        }

        return account;
    }

    [Fact]
    public async Task GetStatementPage_WalkedFromZero_ReturnsEveryEntryOnceInOrder()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await OpenWith25EntriesAsync(bank);

        var pages = new List<StatementPage>();
        for (long after = 0; pages.Count == 0 || pages[^1].HasMore; after = pages[^1].NextAfter)
        {
            pages.Add(await account.GetStatementPage(after, 10));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Entries.Count));
        Assert.Equal([10L, 20L, 25L], pages.Select(p => p.NextAfter));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal((25L, 25m, AccountStatus.Open, "Ada"), (p.TotalEntries, p.Balance, p.Status, p.Owner)));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), pages.SelectMany(p => p.Entries).Select(e => e.Sequence));
        Assert.Equal((await account.GetStatement()).Entries, pages.SelectMany(p => p.Entries));
    }

    [Fact]
    public async Task GetStatementPage_AtOrAfterTheEnd_IsEmptyAndPointsWhereToAskAgain()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await OpenWith25EntriesAsync(bank);

        var atEnd = await account.GetStatementPage(25, 10);
        var beyond = await account.GetStatementPage(1_000, 10);
        await account.Deposit(1m, "d26");
        var next = await account.GetStatementPage(atEnd.NextAfter, 10);

        Assert.Empty(atEnd.Entries);
        Assert.Equal((25L, false), (atEnd.NextAfter, atEnd.HasMore));
        Assert.Equal((1_000L, false, 0), (beyond.NextAfter, beyond.HasMore, beyond.Entries.Count));
        Assert.Equal("d26", Assert.Single(next.Entries).OperationId);
    }

    [Fact]
    public async Task GetStatementTail_ReturnsTheLastEntriesOldestFirst_OrAllWhenFewer()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await OpenWith25EntriesAsync(bank);

        var last5 = await account.GetStatementTail(5);
        var all = await account.GetStatementTail(100);

        Assert.Equal([21L, 22L, 23L, 24L, 25L], last5.Entries.Select(e => e.Sequence));
        Assert.Equal((25L, false, 25L), (last5.NextAfter, last5.HasMore, last5.TotalEntries));
        Assert.Equal(25, all.Entries.Count);
        Assert.Equal(1L, all.Entries[0].Sequence);
    }

    [Theory]
    [InlineData(0L, 0, "limit must be from 1 to 10,000")]
    [InlineData(0L, 10_001, "limit must be from 1 to 10,000")]
    [InlineData(-1L, 10, "afterSequence must be 0 or more")]
    public async Task GetStatementPage_OutOfBounds_ThrowsNamingTheBound(long after, int limit, string expected)
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await OpenWith25EntriesAsync(bank);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => account.GetStatementPage(after, limit));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task GetStatementTail_OutOfBounds_ThrowsNamingTheBound(int last)
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await OpenWith25EntriesAsync(bank);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => account.GetStatementTail(last));

        Assert.Contains("last must be from 1 to 10,000", error.Message);
    }

    [Fact]
    public async Task StatementPages_OfAccountNeverOpened_FailNamingTheAccount()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("ghost");

        var page = await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetStatementPage(0, 10));
        var tail = await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetStatementTail(10));

        Assert.All(new[] { page, tail }, e => Assert.Contains("'ghost' is not open", e.Message));
    }
}
