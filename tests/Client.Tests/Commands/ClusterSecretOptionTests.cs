namespace OrleansBank.Client.Tests.Commands;

/// <summary>--cluster-secret: taken before the command or on it, checked before anything is sent, and handed to the client's ClusterOptions.</summary>
public class ClusterSecretOptionTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private const string Secret = "0123456789abcdef-secret";

    [Theory]
    [InlineData("--cluster-secret", "short", "balance", "alice")]
    [InlineData("balance", "alice", "--cluster-secret", "short")]
    public async Task Run_ShortClusterSecret_ExitsTwoWithOneLineThatDoesNotEchoIt(params string[] args)
    {
        var (exit, output, error) = await InProcessClient.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --cluster-secret must be at least 16 characters (it is 5)", error);
        Assert.DoesNotContain("'short'", error);
    }

    [Theory]
    [InlineData("balance")]
    [InlineData("deposit")]
    [InlineData("transfer")]
    [InlineData("storm")]
    [InlineData("accounts")]
    public async Task Help_CommandThatTalksToASilo_ListsClusterSecretAndItsVariable(string command)
    {
        var (exit, output, _) = await InProcessClient.RunAsync(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--cluster-secret", output);
        Assert.Contains("ORLEANSBANK_Cluster__ClusterSecret", output);
    }

    [Fact]
    public async Task Run_ClusterSecretToASiloWithoutOne_IsRefusedExitThreeSayingWhy()
    {
        // The silo has no secret: it refuses a client that offers one, which shows the flag reached the client's ClusterOptions.
        var (exit, _, error) = await fixture.Silo.RunAsync("balance", "alice", "--cluster-secret", Secret);

        Assert.Equal(3, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("the silo refused the connection", error);
        Assert.Contains("this silo has none configured", error);
    }
}
