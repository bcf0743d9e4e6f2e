using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests;

/// <summary>The silo executable and the real client with a cluster secret: a bad one stops the silo; a good one admits only clients that know it.</summary>
public class ClusterSecretTests
{
    private const string Secret = "0123456789abcdef-cluster-secret";

    [Fact]
    public async Task ClusterSecretFlag_TooShort_ExitsTwoWithOneLine()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Silo, "--cluster-secret", "short", "--http-port", "0");

        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --cluster-secret is not valid: at least 16 characters", error);
    }

    [Fact]
    public async Task SiloWithSecret_RefusesClientWithoutIt_ServesClientWithIt()
    {
        await using var silo = await SiloProcess.StartAsync(null, "--storage", "memory", "--cluster-secret", Secret);

        var refused = await silo.ClientAsync("open", "alice", "--initial", "10");
        Assert.Equal(3, refused.Exit);
        Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.Contains("the silo refused the connection: this cluster requires the cluster secret", refused.Stderr);

        var served = await silo.ClientAsync("open", "alice", "--initial", "10", "--cluster-secret", Secret);
        Assert.True(served.Exit == 0, served.Stderr);
        var balance = await silo.ClientAsync("balance", "alice", "--json", "--cluster-secret", Secret);
        Assert.True(balance.Exit == 0, balance.Stderr);
        Assert.Contains("10", balance.Stdout);

        // The environment variable, which unlike the flag does not show in ps.
        await using var fromEnvironment = RunningProcess.Start(
            Built.Client, ["balance", "alice", "--gateway", silo.Gateway], new Dictionary<string, string> { ["ORLEANSBANK_Cluster__ClusterSecret"] = Secret });
        Assert.True(await fromEnvironment.WaitForExitAsync() == 0, fromEnvironment.Stderr);
    }
}
