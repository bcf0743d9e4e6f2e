namespace OrleansBank.Grains.Tests.Accounts;

public class AccountGrainReplayTests
{
    [Fact]
    public async Task Open_SameOperationIdAfterTheAccountChanged_ReturnsTheOpeningSummary()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("replayed-open");
        var first = await account.Open("Ada", 1000m, "open-x");
        await account.Deposit(5m, "d");
        await account.Withdraw(300m, "w");

        var repeat = await account.Open("Ada", 1000m, "open-x");

        Assert.Equal(new AccountSummary("replayed-open", "Ada", AccountStatus.Open, 1000m, "open-x"), first);
        Assert.Equal(first with { Replayed = true }, repeat);
        Assert.Equal(705m, await account.GetBalance());
    }

    [Fact]
    public async Task EveryChange_SameOperationIdTwice_SecondResultIsMarkedReplayed()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("replay-marks");

        var opens = (await account.Open("Ada", 100m, "o"), await account.Open("Ada", 100m, "o"));
        var deposits = (await account.Deposit(5m, "d"), await account.Deposit(5m, "d"));
        var withdrawals = (await account.Withdraw(500m, "w"), await account.Withdraw(500m, "w"));
        var closes = (await account.Close("c"), await account.Close("c"));

        Assert.Equal((false, true), (opens.Item1.Replayed, opens.Item2.Replayed));
        Assert.Equal((false, true), (deposits.Item1.Replayed, deposits.Item2.Replayed));
        Assert.Equal((false, true), (withdrawals.Item1.Replayed, withdrawals.Item2.Replayed));
        Assert.Equal((false, true), (closes.Item1.Replayed, closes.Item2.Replayed));
        Assert.Equal(closes.Item1 with { Replayed = true }, closes.Item2);
    }

    [Fact]
    public async Task Close_OperationIdUsedForADeposit_ConflictNamesBothUsesInLowerCase()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        await account.Deposit(10m, "op");

        var error = await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Close("op"));

        Assert.Contains("'op' was already used for deposit 10; it cannot be reused for close 0.", error.Message);
        Assert.Equal(110m, await account.GetBalance());
    }

    [Fact]
    public async Task Open_SameOperationIdAfterClose_StillReturnsTheOpeningSummary()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("closed-then-replayed");
        var first = await account.Open("Ada", 20m, "open-x");
        await account.Close("c");

        Assert.Equal(first with { Replayed = true }, await account.Open("Ada", 20m, "open-x"));
    }

    [Theory]
    [InlineData("mallory", 1000)]
    [InlineData("Ada", 999)]
    [InlineData("Ada", 0)]
    public async Task Open_SameOperationIdOtherOwnerOrAmount_IsAConflictAndChangesNothing(string owner, int initial)
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("conflicted-open");
        await account.Open("Ada", 1000m, "open-x");

        var error = await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Open(owner, initial, "open-x"));

        Assert.Contains("'open-x' was already used for open 1000 for 'Ada'", error.Message);
        var statement = await account.GetStatement();
        Assert.Equal(("Ada", 1000m), (statement.Owner, statement.Balance));
    }

    [Fact]
    public async Task Open_WithoutOperationId_ReturnsTheIdItMadeUp()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("minted-open");

        var summary = await account.Open("Ada", 1m);

        Assert.Equal((await account.GetStatement()).Entries[0].OperationId, summary.OperationId);
    }

    [Fact]
    public async Task DepositAndWithdraw_Replayed_AreMarkedReplayed_FirstResultsAreNot()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);

        var deposit = await account.Deposit(10m, "d");
        var approved = await account.Withdraw(10m, "w1");
        var declined = await account.Withdraw(1000m, "w2");

        Assert.False(deposit.Replayed || approved.Replayed || declined.Replayed);
        Assert.True((await account.Deposit(10m, "d")).Replayed);
        Assert.True((await account.Withdraw(10m, "w1")).Replayed);
        Assert.True((await account.Withdraw(1000m, "w2")).Replayed);
        Assert.Equal(100m, await account.GetBalance());
    }

    [Fact]
    public async Task OperationId_SameIdOnTwoAccounts_IsTwoOperations()
    {
        await using var bank = await BankCluster.StartAsync();
        var a = await bank.OpenAsync(100m);
        var b = await bank.OpenAsync(100m);

        var onA = await a.Withdraw(30m, "shared-id");
        var onB = await b.Withdraw(30m, "shared-id");

        Assert.False(onA.Replayed || onB.Replayed);
        Assert.Equal((70m, 70m), (await a.GetBalance(), await b.GetBalance()));
    }
}
