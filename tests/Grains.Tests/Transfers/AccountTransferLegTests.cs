namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>An account's legs of transfers, driven directly, as the transfer grain drives them.</summary>
public class AccountTransferLegTests
{
    [Fact]
    public async Task ReserveDebit_SameTransferTwice_SecondIsReplayedAndReservesOnce()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");

        var first = await legs.ReserveDebit("t", 60m, "b");
        var second = await legs.ReserveDebit("t", 60m, "b");

        Assert.Equal((LegState.Pending, 100m, 40m, false), (first.Leg.State, first.Balance, first.Available, first.Replayed));
        Assert.Equal(first with { Replayed = true }, second);
    }

    [Fact]
    public async Task ReserveDebit_MoreThanAvailable_IsDeclinedThoughTheBalanceCoversIt()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("t1", 60m, "b");

        var second = await legs.ReserveDebit("t2", 50m, "b");

        Assert.Equal(LegState.Declined, second.Leg.State);
        Assert.Contains("available balance of 'a' is $40.00", second.Leg.Reason);
        Assert.Equal((100m, 40m), (second.Balance, second.Available));
    }

    [Fact]
    public async Task Withdraw_WhileADebitIsReserved_IsCheckedAgainstTheAvailableBalance()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("t", 80m, "b");

        var withdrawal = await account.Withdraw(30m);
        await legs.PostLeg("t");

        Assert.False(withdrawal.Approved);
        Assert.Contains("available balance is $20.00", withdrawal.DeclineReason);
        Assert.Equal(20m, await account.GetBalance());
    }

    [Fact]
    public async Task ReserveDebit_SameTransferOtherAmountOrSide_IsAConflict()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("t", 60m, "b");

        await Assert.ThrowsAsync<OperationIdConflictException>(() => legs.ReserveDebit("t", 61m, "b"));
        await Assert.ThrowsAsync<OperationIdConflictException>(() => legs.RecordPendingCredit("t", 60m, "b"));
        Assert.Equal(40m, (await legs.ReserveDebit("t", 60m, "b")).Available);
    }

    [Fact]
    public async Task PostLeg_Twice_SecondIsANoOp()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("t", 60m, "b");

        var first = await legs.PostLeg("t");
        var second = await legs.PostLeg("t");

        Assert.Equal((LegState.Posted, 40m), (first.Leg.State, first.Balance));
        Assert.Equal(first with { Replayed = true }, second);
        Assert.Equal(40m, await account.GetBalance());
    }

    [Fact]
    public async Task VoidLeg_AfterPost_IsRefused_AndPostAfterVoidIsRefused()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("posted", 10m, "b");
        await legs.PostLeg("posted");
        await legs.ReserveDebit("voided", 10m, "b");
        await legs.VoidLeg("voided");

        var voidError = await Assert.ThrowsAsync<AccountException>(() => legs.VoidLeg("posted"));
        var postError = await Assert.ThrowsAsync<AccountException>(() => legs.PostLeg("voided"));

        Assert.Contains("is posted: it cannot be voided", voidError.Message);
        Assert.Contains("is voided: it cannot be posted", postError.Message);
        Assert.Equal((LegState.Voided, true), ((await legs.VoidLeg("voided")).Leg.State, (await legs.VoidLeg("voided")).Replayed));
        Assert.Equal(90m, await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance());
    }

    [Fact]
    public async Task VoidLeg_BeforeAnyReserve_LeavesATombstoneSoALateReserveMovesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");

        await legs.VoidLeg("t");
        var late = await legs.ReserveDebit("t", 60m, "b");

        Assert.Equal((LegState.Voided, 100m, 100m), (late.Leg.State, late.Balance, late.Available));
    }

    [Fact]
    public async Task PendingCredit_IsNotInTheBalanceUntilPosted()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(0m, "b");
        var legs = bank.Grains.GetGrain<ITransferLegs>("b");

        await legs.RecordPendingCredit("t", 25m, "a");
        var before = await account.Withdraw(1m);
        await legs.PostLeg("t");

        Assert.False(before.Approved);
        Assert.Equal(25m, await account.GetBalance());
    }

    [Fact]
    public async Task Close_WithAPendingLeg_IsRefusedAndThenAllowedOnceItSettles()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(100m, "a");
        var legs = bank.Grains.GetGrain<ITransferLegs>("a");
        await legs.ReserveDebit("t", 10m, "b");

        var error = await Assert.ThrowsAsync<AccountException>(() => account.Close());
        await legs.VoidLeg("t");
        var closed = await account.Close();

        Assert.Contains("has transfers in flight (t)", error.Message);
        Assert.Equal(100m, closed.PaidOut);
    }

    [Fact]
    public async Task Legs_AfterReactivation_AreRebuiltFromTheLog()
    {
        var storage = new FlakyStorage();
        await using (var bank = await BankCluster.StartAsync(storage))
        {
            await bank.OpenAsync(100m, "a");
            var legs = bank.Grains.GetGrain<ITransferLegs>("a");
            await legs.ReserveDebit("posted", 30m, "b");
            await legs.PostLeg("posted");
            await legs.ReserveDebit("pending", 20m, "b");
        }

        await using var again = await BankCluster.StartAsync(storage);
        var reread = await again.Grains.GetGrain<ITransferLegs>("a").ReserveDebit("pending", 20m, "b");

        Assert.Equal((LegState.Pending, 70m, 50m, true), (reread.Leg.State, reread.Balance, reread.Available, reread.Replayed));
    }
}
