namespace OrleansBank.Client.Tests.Commands;

public class HelpTests
{
    public static TheoryData<string> Commands => ["open", "deposit", "withdraw", "balance", "statement", "close", "accounts", "storm", "download", "race", "cluster"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ListsExamplesAndExitCodes(string command)
    {
        var (exit, output, _) = await InProcessClient.RunAsync(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains($"Examples:\n  orleansbank {command}", output.ReplaceLineEndings("\n"));
        Assert.Contains("Exit codes:", output);
        Assert.Contains("130  cancelled with Ctrl+C", output);
    }

    [Theory]
    [InlineData("download")]
    [InlineData("race")]
    public async Task Help_CommandThatDoesNotUseTheGateway_DoesNotListIt(string command) =>
        Assert.DoesNotContain("--gateway", (await InProcessClient.RunAsync(command, "--help")).Out);

    [Fact]
    public async Task Help_Gateway_ShowsItsDefaultOnce()
    {
        var output = (await InProcessClient.RunAsync("balance", "--help")).Out;

        Assert.Single(output.ToLowerInvariant().Split("default: localhost:30000").Skip(1));
    }

    [Fact]
    public async Task Help_OpenOwner_SaysTheDefaultIsTheCurrentUserNotWhoRanTheHelp()
    {
        var output = (await InProcessClient.RunAsync("open", "--help")).Out;

        Assert.Contains("Default: the current user's login name.", output);
        Assert.DoesNotContain($"[default: {Environment.UserName}]", output);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("deposit")]
    [InlineData("withdraw")]
    [InlineData("close")]
    public async Task Help_CommandWithOpId_SaysOneIsGeneratedWhenOmitted(string command) =>
        Assert.Contains("When omitted, a new one is generated", (await InProcessClient.RunAsync(command, "--help")).Out);
}
