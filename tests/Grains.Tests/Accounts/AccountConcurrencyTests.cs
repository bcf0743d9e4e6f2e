using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>The race from the lesson, run against the account grain: its turns replace the lock.</summary>
public class AccountConcurrencyTests
{
    [Fact]
    public async Task Withdraw600And500From1000_SecondArrivesWhileFirstAwaitsAuthorization_ExactlyOneApproved()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(1000m);
        bank.Authorization.HoldFirst = true;

        // Force the interleaving that breaks raw threads: the $600 withdrawal has passed its balance check and
        // is awaiting authorization when the $500 one arrives. The turn makes the second wait, not race.
        var first = account.Withdraw(600m);
        await bank.Authorization.FirstEntered.WaitAsync(TestingHost.Poll.DefaultTimeout);
        var second = account.Withdraw(500m);
        await TestingHost.Poll.UntilAsync(
            () => bank.Cluster.GetQueuedRequestCount(account) == 1 || second.IsCompleted,
            "the $500 withdrawal to queue behind the $600 one (or, were the turn broken, to finish)");
        Assert.False(second.IsCompleted, "the $500 withdrawal ran while the $600 one was mid-turn");
        bank.Authorization.Release();

        var results = await Task.WhenAll(first, second);

        Assert.True(results[0].Approved);
        Assert.False(results[1].Approved);
        Assert.Equal(400m, await account.GetBalance());
    }

    [Fact]
    public async Task Withdraw600And500From1000_SentTogether_ExactlyOneApprovedAndBalanceMatches()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = await bank.OpenAsync(1000m);

        // Whichever withdrawal checks the balance first waits inside authorization until the other has arrived at
        // the activation. A grain that interleaves would run that one at once, so it "arrives" once inside
        // Withdraw, past its own balance check; this grain may only queue it behind the turn in progress.
        var interleaves = typeof(AccountGrain).IsDefined(typeof(ReentrantAttribute), inherit: true);
        bank.Authorization.HoldFirstUntil = () => TestingHost.Poll.UntilAsync(
            () => bank.Authorization.Calls >= 2 || (!interleaves && bank.Cluster.GetQueuedRequestCount(account) >= 1),
            "the second withdrawal to arrive at the account while the first awaits authorization");
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return account.Withdraw(600m); }),
            Task.Run(() => { start.SignalAndWait(); return account.Withdraw(500m); }));

        var approved = Assert.Single(results, r => r.Approved);
        Assert.Equal(1000m - approved.Amount, await account.GetBalance());
    }

    [Fact]
    public async Task ThousandConcurrentRandomWithdrawals_FromManyCallers_ConserveMoneyAndNeverGoNegative()
    {
        await using var bank = await BankCluster.StartAsync();
        const decimal opening = 50_000m;
        var account = await bank.OpenAsync(opening);
        bank.Authorization.Yield = true;
        var random = new Random(20261121);
        var amounts = Enumerable.Range(0, 1000).Select(_ => random.Next(1, 20_000) / 100m).ToArray();

        // Nothing is authorized until every withdrawal has arrived: past its balance check and inside authorization
        // (as a grain that interleaves would let them all be) or queued behind the turn in progress. Calls is read
        // before the queue, so one moving from the queue into authorization between the reads is never counted twice.
        var allArrived = TestingHost.Poll.UntilAsync(
            () => { var inside = bank.Authorization.Calls; return inside + bank.Cluster.GetQueuedRequestCount(account) >= amounts.Length; },
            $"all {amounts.Length} withdrawals to arrive at the account");
        bank.Authorization.HoldAllUntil = () => allArrived;

        var results = await Task.WhenAll(amounts.Select((amount, i) =>
            Task.Run(() => account.Withdraw(amount, $"w-{i}"))));

        var final = await account.GetBalance();
        var approved = results.Where(r => r.Approved).Sum(r => r.Amount);
        Assert.Equal(opening - final, approved);
        Assert.InRange(final, 0m, opening);
        Assert.Contains(results, r => !r.Approved);
        Assert.All(results, r => Assert.True(r.Balance >= 0m, $"a withdrawal saw a negative balance {r.Balance}"));
        var statement = await account.GetStatement();
        Assert.All(statement.Entries, e => Assert.True(e.BalanceAfter >= 0m));
        Assert.Equal(results.Count(r => r.Approved), statement.Entries.Count - 1);
    }
}
