using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests;

/// <summary>The silo's connection cap, as an operator sets it.</summary>
public class ConnectionLimitTests
{
    [Fact]
    public async Task MaxConnections_Given_IsInForceAndLogged()
    {
        await using var silo = await SiloProcess.StartAsync(null, "--max-connections", "7");

        var (exit, _, _) = await silo.ClientAsync("open", "capped", "--initial", "1");

        Assert.Equal(0, exit);
        Assert.Contains("Accepting at most 7 connections", silo.Process.Stdout);
    }

    [Theory]
    [InlineData("--max-connections=0", "must be at least 1")]
    [InlineData("--max-connections=many", "many")]
    public async Task MaxConnections_Invalid_ExitsTwoWithOneClearLine(string option, string expected)
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Silo, option);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Help_ListsMaxConnections()
    {
        var (exit, output, _) = await RunningProcess.RunAsync(Built.Silo, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--max-connections N", output);
        Assert.Contains("ORLEANSBANK_Silo__MaxConnections", output);
    }
}
