using System.Text.Json;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>Every command that takes --op-id says, in text and in JSON, when its answer is a repeat that changed nothing.</summary>
public class ReplayMarkingTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private const string RepeatText = "a repeat: this is its first result, and nothing changed now";

    private BankSilo Silo => fixture.Silo;

    public static TheoryData<string> Commands => ["open", "deposit", "withdraw", "close"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_SameOpIdTwice_SecondIsMarkedAsARepeatInTextAndJson(string command)
    {
        var id = $"acc-{Guid.NewGuid():N}";
        if (command != "open")
        {
            await Silo.RunAsync("open", id, "--initial", "100");
        }

        string[] args = command switch
        {
            "open" => ["open", id, "--initial", "100", "--op-id", "op-1"],
            "close" => ["close", id, "--op-id", "op-1"],
            _ => [command, id, "30", "--op-id", "op-1"],
        };

        var first = await Silo.RunAsync(args);
        var repeatText = await Silo.RunAsync(args);
        var repeatJson = await Silo.RunAsync([.. args, "--json"]);

        Assert.Equal((0, 0, 0), (first.Exit, repeatText.Exit, repeatJson.Exit));
        Assert.DoesNotContain(RepeatText, first.Out);
        Assert.Contains($"(operation op-1, {RepeatText})", repeatText.Out);
        Assert.True(JsonDocument.Parse(repeatJson.Out).RootElement.GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public async Task Close_OpenAccount_PaysOutTheBalanceAndRefusesLaterChanges()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        await Silo.RunAsync("open", id, "--initial", "1234.5");

        var closed = await Silo.RunAsync("close", id, "--op-id", "c1");
        var json = await Silo.RunAsync("close", id, "--op-id", "c1", "--json");
        var deposit = await Silo.RunAsync("deposit", id, "1");

        Assert.Equal(0, closed.Exit);
        Assert.StartsWith($"Closed {id}: paid out $1,234.50 (operation c1)", closed.Out);
        Assert.Equal("""{"operationId":"c1","paidOut":1234.5,"replayed":true}""", json.Out.Trim());
        Assert.Equal(1, deposit.Exit);
        Assert.Contains("is closed", deposit.Err);
    }

    [Fact]
    public async Task Withdraw_Declined_ReasonShowsMoneyInTheOneFormat()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        await Silo.RunAsync("open", id, "--initial", "650.5");

        var (exit, output, _) = await Silo.RunAsync("withdraw", id, "5000");

        Assert.Equal(0, exit);
        Assert.Contains("Insufficient funds: the balance is $650.50, the withdrawal was $5,000.00.", output);
    }
}
