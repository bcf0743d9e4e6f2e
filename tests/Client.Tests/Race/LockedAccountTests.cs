using OrleansBank.Client.Race;

namespace OrleansBank.Client.Tests.Race;

public class LockedAccountTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Withdraw600And500From1000_SecondArrivesWhileFirstIsInGap_ExactlyOneApproved()
    {
        var gap = new HoldFirstUntilReleased(Timeout);
        var account = new LockedAccount(1000m, gap);
        var approved = new decimal[2];
        var first = new Thread(() => approved[0] = account.Withdraw(600m) ? 600m : 0m);
        var second = new Thread(() => approved[1] = account.Withdraw(500m) ? 500m : 0m);

        first.Start();
        gap.WaitForFirstInGap();
        second.Start();
        RaceScenario.WaitUntilBlockedOrDone(second);
        gap.Release();
        first.Join();
        second.Join();

        var winner = Assert.Single(approved, a => a > 0m);
        Assert.Equal(1000m - winner, account.Balance);
    }

    [Fact]
    public void Deposit500WhileWithdrawing700From1000_DepositArrivesInGap_EndsAt800()
    {
        var gap = new HoldFirstUntilReleased(Timeout);
        var account = new LockedAccount(1000m, gap);
        var approved = false;
        var withdraw = new Thread(() => approved = account.Withdraw(700m));
        var deposit = new Thread(() => account.Deposit(500m));

        withdraw.Start();
        gap.WaitForFirstInGap();
        deposit.Start();
        RaceScenario.WaitUntilBlockedOrDone(deposit);
        gap.Release();
        withdraw.Join();
        deposit.Join();

        Assert.True(approved);
        Assert.Equal(800m, account.Balance);
    }
}
