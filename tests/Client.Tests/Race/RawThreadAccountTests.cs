using OrleansBank.Client.Race;

namespace OrleansBank.Client.Tests.Race;

public class RawThreadAccountTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Withdraw600And500From1000_BothCheckBeforeEitherActs_BothApprovedAndBalanceIsMinus100()
    {
        var account = new RawThreadAccount(1000m, new BothCheckBeforeEitherActs(2, Timeout));
        bool first = false, second = false;
        var threads = new[] { new Thread(() => first = account.Withdraw(600m)), new Thread(() => second = account.Withdraw(500m)) };

        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.True(first);
        Assert.True(second);
        Assert.Equal(-100m, account.Balance);
    }

    [Fact]
    public void Withdraw_SingleThread_DeclinesWhenBalanceIsShort()
    {
        var account = new RawThreadAccount(1000m);

        Assert.True(account.Withdraw(600m));
        Assert.False(account.Withdraw(500m));
        Assert.Equal(400m, account.Balance);
    }
}
