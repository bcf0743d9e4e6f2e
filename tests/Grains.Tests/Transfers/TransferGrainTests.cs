namespace OrleansBank.Grains.Tests.Transfers;

public class TransferGrainTests
{
    [Fact]
    public async Task Transfer_Covered_PostsBothLegsAndReturnsTheBalances()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(5m, "b");

        var result = await bank.Grains.GetGrain<ITransferGrain>("t1").Transfer("a", "b", 30m);

        Assert.Equal(new TransferResult("t1", "a", "b", 30m, TransferStatus.Posted, null, 70m, 35m), result);
        Assert.Equal((70m, 35m), (await Balance(bank, "a"), await Balance(bank, "b")));
        Assert.Equal(0, await Books.PendingAsync(bank.Grains, "a", "b"));
        var status = await bank.Grains.GetGrain<ITransferGrain>("t1").GetStatus();
        Assert.Equal((TransferStep.Completed, TransferStatus.Posted), (status.Step, status.Decision));
    }

    [Fact]
    public async Task Transfer_Posted_StatementsShowTheTransferIdAndTheOtherAccount()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");

        await bank.Grains.GetGrain<ITransferGrain>("t-stmt").Transfer("a", "b", 40m);

        var outgoing = (await bank.Grains.GetGrain<IAccountGrain>("a").GetStatement()).Entries[^1];
        var incoming = Assert.Single((await bank.Grains.GetGrain<IAccountGrain>("b").GetStatement()).Entries);
        Assert.Equal((LedgerEntryKind.TransferOut, 40m, 60m, "t-stmt", "b"), (outgoing.Kind, outgoing.Amount, outgoing.BalanceAfter, outgoing.TransferId, outgoing.Counterparty));
        Assert.Equal((LedgerEntryKind.TransferIn, 40m, 40m, "t-stmt", "a"), (incoming.Kind, incoming.Amount, incoming.BalanceAfter, incoming.TransferId, incoming.Counterparty));
    }

    [Fact]
    public async Task Transfer_MoreThanTheBalance_IsDeclinedAndMovesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(10m, "a");
        await bank.OpenAsync(0m, "b");

        var result = await bank.Grains.GetGrain<ITransferGrain>("t-big").Transfer("a", "b", 10.01m);

        Assert.Equal(TransferStatus.Declined, result.Status);
        Assert.Contains("Insufficient funds", result.Reason);
        Assert.Equal((10m, 0m), (result.FromBalance, result.ToBalance));
        Assert.Equal((10m, 0m), (await Balance(bank, "a"), await Balance(bank, "b")));
        Assert.Equal(0, await Books.PendingAsync(bank.Grains, "a", "b"));
    }

    [Fact]
    public async Task Transfer_SameIdAgain_ReturnsTheFirstOutcomeAndMovesMoneyOnce()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-again");

        var first = await transfer.Transfer("a", "b", 60m);
        await bank.Grains.GetGrain<IAccountGrain>("a").Deposit(500m);
        var second = await transfer.Transfer("a", "b", 60m);

        Assert.Equal(first with { Replayed = true }, second);
        Assert.Equal((540m, 60m), (await Balance(bank, "a"), await Balance(bank, "b")));
    }

    [Fact]
    public async Task Transfer_SameIdDeclinedThenFunded_StillReturnsTheDecline()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(10m, "a");
        await bank.OpenAsync(0m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-declined-again");
        var first = await transfer.Transfer("a", "b", 60m);
        await bank.Grains.GetGrain<IAccountGrain>("a").Deposit(500m);

        var second = await transfer.Transfer("a", "b", 60m);

        Assert.Equal(first with { Replayed = true }, second);
        Assert.Equal((510m, 0m), (await Balance(bank, "a"), await Balance(bank, "b")));
    }

    [Theory]
    [InlineData("a", "c", 10)]
    [InlineData("c", "b", 10)]
    [InlineData("a", "b", 11)]
    [InlineData("b", "a", 10)]
    public async Task Transfer_SameIdOtherRequest_IsAConflictAndChangesNothing(string from, string to, int amount)
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(100m, "b");
        await bank.OpenAsync(100m, "c");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-conflict");
        await transfer.Transfer("a", "b", 10m);

        var error = await Assert.ThrowsAsync<OperationIdConflictException>(() => transfer.Transfer(from, to, amount));

        Assert.Contains("'t-conflict' was already used for transfer 10 from 'a' to 'b'", error.Message);
        Assert.Equal((90m, 110m, 100m), (await Balance(bank, "a"), await Balance(bank, "b"), await Balance(bank, "c")));
    }

    [Theory]
    [InlineData("t", "a", "a", "10", "cannot transfer to itself")]
    [InlineData("t", "a", "b", "0", "greater than 0")]
    [InlineData("t", "a", "b", "0.001", "2 decimal places")]
    [InlineData("t", "a", "b", "-5", "greater than 0")]
    [InlineData("t", "a", "b", "1000000000000.01", "at most")]
    [InlineData("t", "a", "b/x", "10", "account id")]
    [InlineData("t", "", "b", "10", "account id is empty")]
    [InlineData("has space", "a", "b", "10", "operation id")]
    public async Task Transfer_BadRequest_IsRefusedWithArgumentExceptionAndChangesNothing(string id, string from, string to, string amount, string expected)
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(100m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>(id);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => transfer.Transfer(from, to, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        await AssertUntouched(bank, transfer);
    }

    [Fact]
    public async Task Transfer_ToOrFromAnUnopenedAccount_IsRefusedAndChangesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(100m, "b");

        var to = bank.Grains.GetGrain<ITransferGrain>("t-to-ghost");
        var from = bank.Grains.GetGrain<ITransferGrain>("t-from-ghost");
        var toError = await Assert.ThrowsAsync<AccountNotOpenException>(() => to.Transfer("a", "ghost", 10m));
        var fromError = await Assert.ThrowsAsync<AccountNotOpenException>(() => from.Transfer("ghost", "b", 10m));

        Assert.Contains("'ghost' is not open", toError.Message);
        Assert.Contains("'ghost' is not open", fromError.Message);
        await AssertUntouched(bank, to);
        await AssertUntouched(bank, from);
    }

    [Fact]
    public async Task Transfer_ToAClosedAccount_IsRefusedAndChangesNothing()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(100m, "b");
        await bank.OpenAsync(0m, "gone");
        await bank.Grains.GetGrain<IAccountGrain>("gone").Close();
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-closed");

        var error = await Assert.ThrowsAsync<AccountClosedException>(() => transfer.Transfer("a", "gone", 10m));

        Assert.Contains("'gone' is closed", error.Message);
        await AssertUntouched(bank, transfer);
    }

    [Fact]
    public async Task Transfer_RefusedThenSentRight_UsesTheIdAfterAll()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(100m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-retry");
        await Assert.ThrowsAsync<AccountNotOpenException>(() => transfer.Transfer("a", "c", 10m));

        var result = await transfer.Transfer("a", "b", 10m);

        Assert.Equal((TransferStatus.Posted, false), (result.Status, result.Replayed));
    }

    [Fact]
    public async Task ResumeAsync_UnknownId_ReturnsNull()
    {
        await using var bank = await BankCluster.StartAsync();

        Assert.Null(await bank.Grains.GetGrain<ITransferGrain>("nothing").ResumeAsync());
    }

    private static Task<decimal> Balance(BankCluster bank, string account) => bank.Grains.GetGrain<IAccountGrain>(account).GetBalance();

    private static async Task AssertUntouched(BankCluster bank, ITransferGrain transfer)
    {
        Assert.Equal((100m, 100m), (await Balance(bank, "a"), await Balance(bank, "b")));
        Assert.Equal(0, await Books.PendingAsync(bank.Grains, "a", "b"));
        Assert.Equal(TransferStep.None, (await transfer.GetStatus()).Step);
    }
}
