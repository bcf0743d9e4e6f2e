using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.Commands;

public class AccountCommandsTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private const string Shape = "is not an amount: write digits with an optional '.' and up to 2 decimals, e.g. 25 or 19.99";

    private static readonly string[] BadShapes = ["1,5", "1,000", "0,01", "5,", "1_000", "+5", " 5", "5.", "1e3", "-1", "", "0.001", "1.2.3", "٥"];

    private BankSilo Silo => fixture.Silo;

    public static TheoryData<string, string> BadAmounts()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "deposit", "withdraw", "open --initial", "storm --amount" })
        {
            foreach (var shape in BadShapes)
            {
                data.Add(command, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public async Task AmountCommand_AmountOfAnyOtherShape_ExitsTwoNamingTheShapeAndChangesNothing(string command, string amount)
    {
        var account = await Silo.OpenAsync(100m);
        var id = account.GetPrimaryKeyString();
        var fresh = $"fresh-{Guid.NewGuid():N}";
        string[] args = command switch
        {
            "open --initial" => ["open", fresh, "--initial", amount],
            "storm --amount" => ["storm", id, "--count", "3", "--amount", amount],
            _ => [command, id, amount],
        };

        var (exit, output, error) = await Silo.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(Shape, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", output);
        Assert.Equal(100m, await account.GetBalance());
        await Assert.ThrowsAsync<AccountNotOpenException>(() => Silo.Grains.GetGrain<IAccountGrain>(fresh).GetBalance());
    }

    [Theory]
    [InlineData("0", "greater than 0")]
    [InlineData("0.00", "greater than 0")]
    [InlineData("1000000000000.01", "at most 1,000,000,000,000")]
    public async Task Deposit_AmountOutOfRange_ExitsTwoNamingTheRange(string amount, string rule)
    {
        var account = await Silo.OpenAsync(100m);

        var (exit, _, error) = await Silo.RunAsync("deposit", account.GetPrimaryKeyString(), amount);

        Assert.Equal(2, exit);
        Assert.Contains(rule, error);
        Assert.Equal(100m, await account.GetBalance());
    }

    [Theory]
    [InlineData("19.99", 119.99)]
    [InlineData("7", 107)]
    [InlineData("0.5", 100.5)]
    public async Task Deposit_AmountInTheShape_IsApplied(string amount, decimal balance)
    {
        var account = await Silo.OpenAsync(100m);

        var (exit, _, error) = await Silo.RunAsync("deposit", account.GetPrimaryKeyString(), amount);

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal(balance, await account.GetBalance());
    }

    [Theory]
    [InlineData("operation id", "deposit", "acc", "1", "--op-id", "{FFFD}")]
    [InlineData("operation id", "withdraw", "acc", "1", "--op-id", "x{D800}")]
    [InlineData("operation id", "open", "acc", "--op-id", "{DFFF}")]
    [InlineData("account id", "deposit", "k{FFFD}", "1")]
    [InlineData("account id", "balance", "k{D800}")]
    [InlineData("account id", "open", "k{FFFD}")]
    [InlineData("owner", "open", "acc", "--owner", "Ad{FFFD}")]
    [InlineData("operation id prefix", "storm", "acc", "--count", "1", "--amount", "1", "--op-prefix", "p{FFFD}")]
    public async Task Command_IdThatIsNotValidText_ExitsTwoBeforeAnythingIsSent(string what, params string[] args)
    {
        // No silo listens there: a command that got past the check would exit 3, not 2.
        var (exit, _, error) = await InProcessClient.RunAsync([.. args.Select(Placeholders.Expand), "--gateway", $"localhost:{Built.FreePort()}"]);

        Assert.Equal(2, exit);
        Assert.Contains($"The {what} ", error);
        Assert.Contains("is not valid text (the command line had bytes that are not UTF-8)", error);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Open_AccountIdBreakingTheRule_ExitsTwoNamingTheRule(string id)
    {
        var (exit, _, error) = await Silo.RunAsync("open", id, "--initial", "1");

        Assert.Equal(2, exit);
        Assert.Contains(AccountIds.Rule, error);
    }

    [Fact]
    public async Task Open_AccountIdOf129Characters_ExitsTwo()
    {
        var (exit, _, error) = await Silo.RunAsync("open", new string('a', 129));

        Assert.Equal(2, exit);
        Assert.Contains("breaks the rule", error);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("tab\t")]
    public async Task Deposit_OperationIdBreakingTheRule_ExitsTwoNamingTheRule(string operationId)
    {
        var account = await Silo.OpenAsync(100m);

        var (exit, _, error) = await Silo.RunAsync("deposit", account.GetPrimaryKeyString(), "1", "--op-id", operationId);

        Assert.Equal(2, exit);
        Assert.Contains("operation id", error);
        Assert.Equal(100m, await account.GetBalance());
    }

    [Fact]
    public async Task Balance_IdThatOnlyOpenRefuses_IsStillAsked_SoOldAccountsStayReachable()
    {
        var (exit, _, error) = await Silo.RunAsync("balance", "old/style id");

        Assert.Equal(1, exit);
        Assert.Contains("is not open", error);
    }

    [Fact]
    public async Task Deposit_WithoutOpId_ShowsTheIdItMintedAndRepeatingItChangesNothing()
    {
        var account = await Silo.OpenAsync(100m);
        var id = account.GetPrimaryKeyString();

        var first = JsonDocument.Parse((await Silo.RunAsync("deposit", id, "5", "--json")).Out).RootElement;
        var minted = first.GetProperty("operationId").GetString()!;
        var repeat = await Silo.RunAsync("deposit", id, "5", "--op-id", minted);

        Assert.Matches("^[0-9a-f]{32}$", minted);
        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.Equal(0, repeat.Exit);
        Assert.Contains($"(operation {minted}, a repeat: this is its first result, and nothing changed now)", repeat.Out);
        Assert.Equal(105m, await account.GetBalance());
    }

    [Fact]
    public async Task OpenAndWithdraw_WithoutOpId_ShowTheMintedIdToPeople()
    {
        var id = $"acc-{Guid.NewGuid():N}";

        var open = await Silo.RunAsync("open", id, "--initial", "10");
        var withdraw = await Silo.RunAsync("withdraw", id, "3");

        Assert.Matches(@"Opened .*: balance \$10\.00 \(operation [0-9a-f]{32}\)", open.Out);
        Assert.Matches(@"Approved: withdrew \$3\.00, balance \$7\.00 \(operation [0-9a-f]{32}\)", withdraw.Out);
    }

    [Fact]
    public async Task Open_SameOpIdAfterADeposit_ReturnsTheOpeningBalance_AnotherOwnerExitsOne()
    {
        var id = $"acc-{Guid.NewGuid():N}";
        await Silo.RunAsync("open", id, "--owner", "Ada", "--initial", "1000", "--op-id", "o-1");
        await Silo.RunAsync("deposit", id, "5");

        var repeat = await Silo.RunAsync("open", id, "--owner", "Ada", "--initial", "1000", "--op-id", "o-1", "--json");
        var mallory = await Silo.RunAsync("open", id, "--owner", "mallory", "--initial", "1000", "--op-id", "o-1");

        Assert.Equal(0, repeat.Exit);
        Assert.Equal($$"""{"accountId":"{{id}}","owner":"Ada","status":"open","balance":1000,"operationId":"o-1","replayed":true}""", repeat.Out.Trim());
        Assert.Equal(1, mallory.Exit);
        Assert.Contains("'o-1' was already used for open 1000 for 'Ada'", mallory.Err);
        Assert.Equal(1005m, await Silo.Grains.GetGrain<IAccountGrain>(id).GetBalance());
    }

    [Fact]
    public async Task Withdraw_ConnectionLostMidCall_ExitsThreeNamingTheMintedId_AndRetryingWithItAppliesOnce()
    {
        await using var silo = await BankSilo.StartAsync();
        var account = await silo.OpenAsync(100m);
        var id = account.GetPrimaryKeyString();
        silo.Authorization.Hold = true;

        var run = silo.RunAsync("withdraw", id, "10");
        await silo.Authorization.Arrived.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await silo.Cluster.DropClientConnectionsAsync();
        var (exit, _, error) = await run;
        silo.Authorization.Release();
        var minted = Regex.Match(error, "retry with --op-id ([0-9a-f]{32})").Groups[1].Value;
        var retry = await silo.RunAsync("withdraw", id, "10", "--op-id", minted, "--json");

        Assert.Equal(3, exit);
        Assert.Contains("may or may not have run", error);
        Assert.NotEqual("", minted);
        Assert.Equal(0, retry.Exit);
        Assert.Equal($$"""{"operationId":"{{minted}}","amount":10,"approved":true,"balance":90,"declineReason":null,"replayed":true}""", retry.Out.Trim());
        Assert.Equal(90m, await account.GetBalance());
    }

    [Fact]
    public async Task Withdraw_CancelledWhileInFlight_Exits130NamingTheOpIdToRetryWith()
    {
        await using var silo = await BankSilo.StartAsync();
        var account = await silo.OpenAsync(100m);
        silo.Authorization.Hold = true;
        using var cancel = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var run = Program.Run(["withdraw", account.GetPrimaryKeyString(), "10", "--op-id", "w-held", "--gateway", silo.Cluster.GatewayEndpoint!], stdout, stderr, cancel.Token);
        await silo.Authorization.Arrived.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await cancel.CancelAsync();
        var exit = await run.WaitAsync(TestingHost.Poll.DefaultTimeout);

        Assert.Equal(130, exit);
        Assert.Equal("error: Cancelled. To be safe, retry with --op-id w-held: an operation id is applied at most once.", stderr.ToString().Trim());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task Balance_GatewayBeforeTheCommand_IsStillUsed_AsScriptsWriteIt()
    {
        var account = await Silo.OpenAsync(12.5m);

        var (exit, output, _) = await InProcessClient.RunAsync("--gateway", Silo.Cluster.GatewayEndpoint!, "balance", account.GetPrimaryKeyString());

        Assert.Equal(0, exit);
        Assert.Contains(": $12.50", output);
    }
}
