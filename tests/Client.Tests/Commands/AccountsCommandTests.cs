using System.Text.Json;

namespace OrleansBank.Client.Tests.Commands;

public class AccountsCommandTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task Accounts_Prefix_ListsEveryMatchingIdInOrderOnePerLine()
    {
        var prefix = await OpenAsync("b", "a", "c");
        await Silo.RunAsync("close", $"{prefix}c");

        var (exit, output, error) = await Silo.RunAsync("accounts", "--prefix", prefix);

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal($"{prefix}a\n{prefix}b\n{prefix}c\n", output);
    }

    [Fact]
    public async Task Accounts_LimitThenAfter_PagesWithoutRepeatsOrGaps()
    {
        var prefix = await OpenAsync("1", "2", "3");

        var first = await Silo.RunAsync("accounts", "--prefix", prefix, "--limit", "2");
        var second = await Silo.RunAsync("accounts", "--prefix", prefix, "--limit", "2", "--after", $"{prefix}2", "--json");

        Assert.Equal($"{prefix}1\n{prefix}2\nMore: --after {prefix}2\n", first.Out);
        var page = JsonDocument.Parse(second.Out).RootElement;
        Assert.Equal([$"{prefix}3"], page.GetProperty("accountIds").EnumerateArray().Select(e => e.GetString()));
        Assert.False(page.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Accounts_AllAsJson_IsOneObjectWithEveryId()
    {
        var prefix = await OpenAsync("x", "y");

        var (exit, output, _) = await Silo.RunAsync("accounts", "--prefix", prefix, "--json");

        Assert.Equal(0, exit);
        Assert.Equal($$"""{"accountIds":["{{prefix}}x","{{prefix}}y"]}""", output.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("many")]
    public async Task Accounts_LimitOutOfRange_ExitsTwoNamingTheRange(string limit)
    {
        var (exit, _, error) = await Silo.RunAsync("accounts", "--limit", limit);

        Assert.Equal(2, exit);
        Assert.Contains("--limit must be a whole number from 1 to 10,000", error);
    }

    private async Task<string> OpenAsync(params string[] suffixes)
    {
        var prefix = $"list-{Guid.NewGuid():N}-";
        foreach (var suffix in suffixes)
        {
            Assert.Equal(0, (await Silo.RunAsync("open", prefix + suffix)).Exit);
        }

        return prefix;
    }
}
