namespace OrleansBank.Grains.Tests.Transfers;

public class TransferConcurrencyTests
{
    [Fact]
    public async Task Transfer_ThreeSendsOfOneIdArriveWhileTheFirstIsMidway_OnePosting()
    {
        var probe = new TestTransferProbe { HoldFirstAt = TransferPoint.Requested };
        await using var bank = await BankCluster.StartAsync(transferProbe: probe);
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-race");

        // The first send has recorded its request and is held there; the other two arrive before it goes on.
        var first = transfer.Transfer("a", "b", 30m);
        await probe.Held.WaitAsync(TestingHost.Poll.DefaultTimeout);
        var others = new[] { transfer.Transfer("a", "b", 30m), transfer.Transfer("a", "b", 30m) };
        await bank.Cluster.WaitForQueuedRequestsAsync(transfer, 2);
        probe.Release();
        var results = await Task.WhenAll([first, .. others]);

        Assert.False(results[0].Replayed);
        Assert.All(results[1..], r => Assert.Equal(results[0] with { Replayed = true }, r));
        Assert.Equal(1, probe.Requests);
        await AssertOnePosting(bank);
    }

    [Fact]
    public async Task Transfer_ThreeSendsOfOneIdStartedTogether_OnePosting()
    {
        await using var bank = await BankCluster.StartAsync();
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-barrier");
        using var start = new Barrier(3);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return transfer.Transfer("a", "b", 30m);
        })));

        Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal((TransferStatus.Posted, 70m, 30m), (r.Status, r.FromBalance, r.ToBalance)));
        await AssertOnePosting(bank);
    }

    [Fact]
    public async Task Transfer_CreditAccountClosedAfterTheRequestWasRecorded_IsDeclinedAndTheReserveVoided()
    {
        var probe = new TestTransferProbe { HoldFirstAt = TransferPoint.DebitReserved };
        await using var bank = await BankCluster.StartAsync(transferProbe: probe);
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");

        // The debit is reserved when b closes: the transfer has not decided yet, so it must void, not post.
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t-closing").Transfer("a", "b", 30m);
        await probe.Held.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await bank.Grains.GetGrain<IAccountGrain>("b").Close();
        probe.Release();
        var result = await transfer;

        Assert.Equal(TransferStatus.Declined, result.Status);
        Assert.Contains("'b' is closed", result.Reason);
        Assert.Equal(100m, await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance());
        Assert.Equal(0, await Books.PendingAsync(bank.Grains, "a"));
    }

    private static async Task AssertOnePosting(BankCluster bank)
    {
        var a = await bank.Grains.GetGrain<IAccountGrain>("a").GetStatement();
        var b = await bank.Grains.GetGrain<IAccountGrain>("b").GetStatement();
        Assert.Single(a.Entries, e => e.Kind == LedgerEntryKind.TransferOut);
        Assert.Single(b.Entries, e => e.Kind == LedgerEntryKind.TransferIn);
        Assert.Equal((70m, 30m), (a.Balance, b.Balance));
    }
}
