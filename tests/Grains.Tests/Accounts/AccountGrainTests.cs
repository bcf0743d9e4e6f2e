namespace OrleansBank.Grains.Tests.Accounts;

public class AccountGrainTests
{
    [Fact]
    public async Task Open_WithInitialDeposit_StartsLedgerAndBalance()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("alice");

        var summary = await account.Open("Alice", 100m, "open-1");

        Assert.Equal(new AccountSummary("alice", "Alice", AccountStatus.Open, 100m, "open-1"), summary);
        var statement = await account.GetStatement();
        var entry = Assert.Single(statement.Entries);
        Assert.Equal((1L, "open-1", LedgerEntryKind.Deposit, 100m, 100m), (entry.Sequence, entry.OperationId, entry.Kind, entry.Amount, entry.BalanceAfter));
    }

    [Fact]
    public async Task DepositAndWithdraw_Approved_ChangeBalanceAndAppendLedgerInOrder()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(0m);

        var deposit = await account.Deposit(250.50m, "d1");
        var withdraw = await account.Withdraw(50.25m, "w1");

        Assert.Equal(new DepositResult("d1", 250.50m, 250.50m), deposit);
        Assert.Equal(new WithdrawResult("w1", 50.25m, true, 200.25m, null), withdraw);
        Assert.Equal(200.25m, await account.GetBalance());
        var entries = (await account.GetStatement()).Entries;
        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal([LedgerEntryKind.Deposit, LedgerEntryKind.Withdrawal], entries.Select(e => e.Kind));
        Assert.Equal([250.50m, 200.25m], entries.Select(e => e.BalanceAfter));
    }

    [Fact]
    public async Task Withdraw_MoreThanBalance_IsDeclinedWithReasonAndChangesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);

        var result = await account.Withdraw(100.01m);

        Assert.False(result.Approved);
        Assert.Equal(100m, result.Balance);
        Assert.Equal("Insufficient funds: the balance is $100.00, the withdrawal was $100.01.", result.DeclineReason);
        Assert.Equal(100m, await account.GetBalance());
        Assert.Single((await account.GetStatement()).Entries);
    }

    [Fact]
    public async Task Withdraw_AuthorizationDeclines_IsDeclinedWithItsReasonAndChangesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        bank.Authorization.DeclineWith = "card reported stolen";

        var result = await account.Withdraw(10m, "w");

        Assert.Equal(new WithdrawResult("w", 10m, false, 100m, "card reported stolen"), result);
        Assert.Equal(100m, await account.GetBalance());
    }

    [Fact]
    public async Task Withdraw_ExactBalance_IsApprovedAndLeavesZero()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);

        Assert.True((await account.Withdraw(100m)).Approved);
        Assert.Equal(0m, await account.GetBalance());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.001")]
    [InlineData("1000000000000.01")]
    public async Task DepositAndWithdraw_InvalidAmount_ThrowArgumentExceptionAndChangeNothing(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => account.Deposit(amount));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => account.Withdraw(amount));

        Assert.Equal(100m, await account.GetBalance());
        Assert.Single((await account.GetStatement()).Entries);
    }

    [Fact]
    public async Task Deposit_SameOperationIdTwice_AppliesOnceAndReturnsFirstResult()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(0m);
        var first = await account.Deposit(10m, "op-1");
        await account.Deposit(5m, "op-2");

        var repeat = await account.Deposit(10m, "op-1");

        Assert.Equal(first with { Replayed = true }, repeat);
        Assert.Equal(15m, await account.GetBalance());
        Assert.Equal(2, (await account.GetStatement()).Entries.Count);
    }

    [Fact]
    public async Task Withdraw_SameOperationIdTwice_AppliesOnceAndReturnsFirstResult()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        var first = await account.Withdraw(30m, "w");

        var repeat = await account.Withdraw(30m, "w");

        Assert.Equal(first with { Replayed = true }, repeat);
        Assert.Equal(70m, await account.GetBalance());
    }

    [Fact]
    public async Task Withdraw_DeclinedThenRepeatedAfterDeposit_StillReturnsTheFirstDecline()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(10m);
        var first = await account.Withdraw(50m, "w");
        await account.Deposit(100m);

        var repeat = await account.Withdraw(50m, "w");

        Assert.False(repeat.Approved);
        Assert.Equal(first with { Replayed = true }, repeat);
        Assert.Equal(110m, await account.GetBalance());
    }

    [Fact]
    public async Task OperationId_ReusedWithDifferentAmountOrKind_IsAConflictAndChangesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        await account.Deposit(10m, "op");

        var differentAmount = await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Deposit(11m, "op"));
        var differentKind = await Assert.ThrowsAsync<OperationIdConflictException>(() => account.Withdraw(10m, "op"));

        Assert.Contains("'op'", differentAmount.Message);
        Assert.Contains("withdraw", differentKind.Message);
        Assert.Equal(110m, await account.GetBalance());
    }

    [Fact]
    public async Task Operations_OnAccountNeverOpened_FailNamingTheAccount()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("ghost");

        var errors = new[]
        {
            await Assert.ThrowsAsync<AccountNotOpenException>(() => account.Deposit(1m)),
            await Assert.ThrowsAsync<AccountNotOpenException>(() => account.Withdraw(1m)),
            await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetBalance()),
            await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetStatement()),
            await Assert.ThrowsAsync<AccountNotOpenException>(() => account.Close()),
        };

        Assert.All(errors, e => Assert.Contains("'ghost' is not open", e.Message));
    }

    [Fact]
    public async Task Open_AlreadyOpen_FailsUnlessSameOperationIdRepeats()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("twice");
        var first = await account.Open("Bob", 5m, "open");

        Assert.Equal(first with { Replayed = true }, await account.Open("Bob", 5m, "open"));
        await Assert.ThrowsAsync<AccountAlreadyOpenException>(() => account.Open("Eve"));
        Assert.Equal(5m, await account.GetBalance());
    }

    [Fact]
    public async Task Open_InvalidOwnerOrInitialDeposit_IsRejectedAndAccountStaysUnopened()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("bad-open");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => account.Open(" "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => account.Open("Bob", -1m));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => account.Open("Bob", 0.001m));

        await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetBalance());
    }

    [Fact]
    public async Task Close_PaysOutBalance_ThenRefusesChangesButAllowsReads()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(42.42m);

        var closed = await account.Close("close-1");

        Assert.Equal(new CloseResult("close-1", 42.42m), closed);
        Assert.Equal(closed with { Replayed = true }, await account.Close("close-1"));
        await Assert.ThrowsAsync<AccountClosedException>(() => account.Deposit(1m));
        await Assert.ThrowsAsync<AccountClosedException>(() => account.Withdraw(1m));
        await Assert.ThrowsAsync<AccountClosedException>(() => account.Close());
        var statement = await account.GetStatement();
        Assert.Equal(AccountStatus.Closed, statement.Status);
        Assert.Equal(0m, statement.Balance);
        Assert.Equal(LedgerEntryKind.Closing, statement.Entries[^1].Kind);
    }

    [Fact]
    public async Task Change_WhenStorageWriteFails_ErrorReachesCallerAndNothingChanges()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        bank.Storage.FailWritesWith = new IOException("disk unplugged");

        var error = await Assert.ThrowsAsync<IOException>(() => account.Withdraw(60m, "w"));
        bank.Storage.FailWritesWith = null;

        Assert.Equal("disk unplugged", error.Message);
        Assert.Equal(100m, await account.GetBalance());
        Assert.Single((await account.GetStatement()).Entries);
        Assert.True((await account.Withdraw(60m, "w")).Approved);
        Assert.Equal(40m, await account.GetBalance());
    }

    [Fact]
    public async Task Change_IsAcknowledgedOnlyAfterItIsStored()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m);
        bank.Storage.HoldWrites = true;

        var withdraw = account.Withdraw(10m);
        await bank.Storage.WriteHeld.WaitAsync(TestingHost.Poll.DefaultTimeout);
        Assert.False(withdraw.IsCompleted, "the withdrawal must not be acknowledged before its write completes");
        bank.Storage.ReleaseWrites();

        Assert.True((await withdraw).Approved);
    }

    [Fact]
    public async Task HotAccount_WithdrawalsArrivingDuringAWrite_AllGoInTheNextWrite_AndNoneIsAcknowledgedEarly()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(1000m);
        bank.Storage.HoldWrites = true;

        var withdrawals = Enumerable.Range(0, 100).Select(i => account.Withdraw(1m, $"w{i}")).ToArray();
        await bank.Storage.WriteHeld.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await TestingHost.Poll.UntilAsync(() => bank.Authorization.Calls == 100, "all 100 withdrawals to have had their turn while the first write is held");
        Assert.DoesNotContain(withdrawals, w => w.IsCompleted);
        bank.Storage.ReleaseWrites();

        var results = await Task.WhenAll(withdrawals);
        Assert.All(results, r => Assert.True(r.Approved));
        Assert.Equal(900m, await account.GetBalance());
        Assert.Equal(101, (await account.GetStatement()).Entries.Count);
        // The open, the first withdrawal alone, then the 99 that queued behind it in one write.
        Assert.Equal([1, 1, 99], bank.Storage.AppendSizes);
    }
}
