namespace OrleansBank.Client.Tests.Commands;

public class UsageErrorsTests
{
    [Theory]
    [InlineData("depositt", "deposit")]
    [InlineData("withdrw", "withdraw")]
    [InlineData("Balance", "balance")]
    [InlineData("statment", "statement")]
    [InlineData("acounts", "accounts")]
    public async Task Run_MistypedCommand_SaysWhichWasMeantInOneLineAndExitsTwo(string typed, string meant)
    {
        var (exit, output, error) = await InProcessClient.RunAsync(typed, "alice", "5");

        Assert.Equal(2, exit);
        Assert.Equal($"error: '{typed}' is not a command; did you mean '{meant}'? (orleansbank --help lists the commands)", error.Trim());
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Run_UnknownCommandFarFromAny_SaysSoWithoutAGuess()
    {
        var (exit, _, error) = await InProcessClient.RunAsync("fly");

        Assert.Equal(2, exit);
        Assert.Equal("error: 'fly' is not a command: orleansbank --help lists the commands.", error.Trim());
    }

    [Theory]
    [InlineData("Missing <account> and <amount>: write orleansbank deposit <account> <amount>.", "deposit")]
    [InlineData("Missing <amount>: write orleansbank withdraw <account> <amount>.", "withdraw", "alice")]
    [InlineData("Missing <account>: write orleansbank close <account>.", "close")]
    public async Task Run_MissingArgument_NamesItOnce(string expected, params string[] args)
    {
        var (exit, _, error) = await InProcessClient.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"error: {expected}", error);
        Assert.DoesNotContain("Required argument missing", error);
    }

    [Theory]
    [InlineData("storm", "a", "--count", "abc", "--amount", "1")]
    [InlineData("storm", "a", "--count", "5", "--amount", "1", "--concurrency", "x")]
    [InlineData("accounts", "--limit", "many")]
    public async Task Run_NumberOptionNotANumber_IsOneUsageLineWithoutDotNetTypeNames(params string[] args)
    {
        var (exit, _, error) = await InProcessClient.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("must be a whole number", error);
        Assert.DoesNotContain("System.", error);
    }
}
