using System.Text.Json;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Tests.Commands;

public class StandingOrderCommandsTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task Create_ThenListThenCancel_ShowsTheOrderEachTime()
    {
        var (from, to) = (await Silo.OpenAsync(100m), await Silo.OpenAsync(0m));
        var id = $"so-{Guid.NewGuid():N}";

        var created = await Silo.RunAsync("standing-order", "create", Key(from), Key(to), "5", "--every", "1h", "--count", "3", "--id", id, "--json");
        var listed = await Silo.RunAsync("standing-order", "list", Key(to), "--json");
        var cancelled = await Silo.RunAsync("standing-order", "cancel", id, "--json");

        Assert.Equal((0, ""), (created.Exit, created.Err));
        var order = JsonDocument.Parse(created.Out).RootElement;
        Assert.Equal((id, "active", 5m, 3), (order.GetProperty("orderId").GetString(), order.GetProperty("status").GetString(), order.GetProperty("amount").GetDecimal(), order.GetProperty("count").GetInt32()));
        Assert.Equal(0, listed.Exit);
        Assert.Equal(id, Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal(0, cancelled.Exit);
        Assert.Equal("cancelled", JsonDocument.Parse(cancelled.Out).RootElement.GetProperty("status").GetString());
        Assert.Equal(StandingOrderStatus.Cancelled, (await Silo.Grains.GetGrain<IStandingOrderGrain>(id).GetOrder()).Status);
    }

    [Fact]
    public async Task List_AccountWithoutOrders_SaysSo()
    {
        var account = await Silo.OpenAsync(0m);

        var (exit, output, _) = await Silo.RunAsync("standing-order", "list", Key(account));

        Assert.Equal(0, exit);
        Assert.Contains("No standing orders.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_UnknownOrder_ExitsOneSayingSo()
    {
        var (exit, _, error) = await Silo.RunAsync("standing-order", "cancel", $"none-{Guid.NewGuid():N}");

        Assert.Equal(1, exit);
        Assert.Contains("No standing order has id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--every", "monthly", "is not a duration")]
    [InlineData("--every", "0s", "too short")]
    [InlineData("--count", "0", "--count must be a whole number from 1")]
    public async Task Create_BadOption_IsAUsageErrorAndCreatesNothing(string option, string value, string says)
    {
        var args = new List<string> { "standing-order", "create", "a", "b", "5", "--every", "1m", "--id", "so-bad" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, _, error) = await Silo.RunAsync([.. args]);

        Assert.Equal(2, exit);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.Equal(StandingOrderStatus.None, (await Silo.Grains.GetGrain<IStandingOrderGrain>("so-bad").GetOrder()).Status);
    }

    [Fact]
    public async Task Create_ToItself_ExitsOneAndCreatesNothing()
    {
        var account = await Silo.OpenAsync(10m);
        var id = $"so-{Guid.NewGuid():N}";

        var (exit, _, error) = await Silo.RunAsync("standing-order", "create", Key(account), Key(account), "5", "--every", "1m", "--id", id);

        Assert.Equal(1, exit);
        Assert.Contains("cannot pay itself", error, StringComparison.Ordinal);
        Assert.Equal(StandingOrderStatus.None, (await Silo.Grains.GetGrain<IStandingOrderGrain>(id).GetOrder()).Status);
    }

    private static string Key(IAccountGrain account) => account.GetPrimaryKeyString();
}
