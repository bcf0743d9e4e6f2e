using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>Calls to accounts that were never opened leave no activation behind.</summary>
public class AccountActivationTests
{
    [Fact]
    public async Task Calls_OnAccountsNeverOpened_LeaveNoActivations()
    {
        await using var bank = await BankCluster.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            var account = bank.Grains.GetGrain<IAccountGrain>($"ghost-{i}");
            await Assert.ThrowsAsync<AccountNotOpenException>(() => (i % 7) switch
            {
                0 => account.GetBalance(),
                1 => account.GetStatement(),
                2 => account.GetStatementPage(0, 10),
                3 => account.GetStatementTail(10),
                4 => account.Withdraw(1m),
                5 => account.Deposit(1m),
                _ => account.Close(),
            });
        }));

        await Poll.UntilAsync(() => bank.Cluster.ActivationCount == 0, "the activations of 500 never-opened accounts to be gone", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task BadRequests_OnAccountsNeverOpened_LeaveNoActivations()
    {
        await using var bank = await BankCluster.StartAsync();

        // Each is refused by a rule checked before the account's state: the activation must go all the same.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var account = bank.Grains.GetGrain<IAccountGrain>($"ghost-{i}");
            await Assert.ThrowsAnyAsync<ArgumentException>(() => (i % 6) switch
            {
                0 => account.Deposit(0.001m),
                1 => account.Withdraw(-1m),
                2 => account.Deposit(1m, "has space"),
                3 => account.Close("bad\nid"),
                4 => account.Open(" "),
                _ => bank.Grains.GetGrain<IAccountGrain>($"ghost/{i}").Open("Ada", 1m),
            });
        }));

        await Poll.UntilAsync(() => bank.Cluster.ActivationCount == 0, "the activations of 300 never-opened accounts that got bad requests to be gone", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Open_AfterACallFoundTheAccountNotOpen_OpensItAndKeepsIt()
    {
        await using var bank = await BankCluster.StartAsync();
        var account = bank.Grains.GetGrain<IAccountGrain>("late");
        await Assert.ThrowsAsync<AccountNotOpenException>(() => account.GetBalance());

        await account.Open("Ada", 10m);

        Assert.Equal(10m, await account.GetBalance());
        Assert.Equal(1, bank.Cluster.ActivationCount);
    }
}
