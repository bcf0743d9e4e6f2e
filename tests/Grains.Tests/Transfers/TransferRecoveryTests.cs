namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>A transfer stopped between any two of its steps, then finished from what was stored, on a fresh silo.</summary>
public class TransferRecoveryTests
{
    public static TheoryData<TransferPoint, bool> CrashPoints()
    {
        var data = new TheoryData<TransferPoint, bool>();
        foreach (var point in Enum.GetValues<TransferPoint>())
        {
            data.Add(point, true);
            data.Add(point, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task ResumeAsync_AfterACrashAtAnyStep_FinishesTheTransferAndConservesMoney(TransferPoint point, bool covered)
    {
        var storage = new FlakyStorage();
        var amount = covered ? 30m : 130m;
        TransferResult? interrupted;
        await using (var bank = await BankCluster.StartAsync(storage, new TestTransferProbe { FailOnceAt = point }))
        {
            await bank.OpenAsync(100m, "a");
            await bank.OpenAsync(20m, "b");

            var crash = await Assert.ThrowsAnyAsync<Exception>(() => bank.Grains.GetGrain<ITransferGrain>("t").Transfer("a", "b", amount));

            Assert.Contains($"after {point}", crash.Message);
            Assert.Equal(120m, await Books.TotalAsync(bank.Grains, "a", "b"));
            interrupted = (await bank.Grains.GetGrain<ITransferGrain>("t").GetStatus()).Result;
        }

        await using var restarted = await BankCluster.StartAsync(storage);
        var transfer = restarted.Grains.GetGrain<ITransferGrain>("t");
        var result = await transfer.ResumeAsync();
        var again = await transfer.Transfer("a", "b", amount);

        Assert.Null(interrupted);
        Assert.NotNull(result);
        var (a, b) = covered ? (70m, 50m) : (100m, 20m);
        Assert.Equal(new TransferResult("t", "a", "b", amount, covered ? TransferStatus.Posted : TransferStatus.Declined, result.Reason, a, b), result);
        Assert.Equal(result with { Replayed = true }, again);
        Assert.Equal((a, b), (await restarted.Grains.GetGrain<IAccountGrain>("a").GetBalance(), await restarted.Grains.GetGrain<IAccountGrain>("b").GetBalance()));
        Assert.Equal(0, await Books.PendingAsync(restarted.Grains, "a", "b"));
        Assert.Equal(120m, await Books.TotalAsync(restarted.Grains, "a", "b"));
    }

    [Fact]
    public async Task Transfer_SentAgainAfterACrashMidway_FinishesItOnce()
    {
        await using var bank = await BankCluster.StartAsync(transferProbe: new TestTransferProbe { FailOnceAt = TransferPoint.DebitSettled });
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");
        var transfer = bank.Grains.GetGrain<ITransferGrain>("t");
        await Assert.ThrowsAnyAsync<Exception>(() => transfer.Transfer("a", "b", 30m));

        // Between the two posts: the money has left a and not reached b; the books count it in flight.
        var midway = (await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance(), await bank.Grains.GetGrain<IAccountGrain>("b").GetBalance());
        var total = await Books.TotalAsync(bank.Grains, "a", "b");
        var result = await transfer.Transfer("a", "b", 30m);

        Assert.Equal((70m, 0m), midway);
        Assert.Equal(100m, total);
        Assert.Equal((TransferStatus.Posted, 70m, 30m, false), (result.Status, result.FromBalance, result.ToBalance, result.Replayed));
        Assert.Single((await bank.Grains.GetGrain<IAccountGrain>("b").GetStatement()).Entries);
    }
}
