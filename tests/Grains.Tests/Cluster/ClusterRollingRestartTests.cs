using OrleansBank.TestingHost;
using Xunit.Abstractions;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>Issue 9 §4: every silo stopped gracefully and started again, in turn, under an external client's load.</summary>
public class ClusterRollingRestartTests(ITestOutputHelper output)
{
    /// <summary>The orleansbank client's attempts per operation (OperationRetry.MaxAttempts in src/Client).</summary>
    private const int ClientAttempts = 3;

    [Fact]
    public async Task StopSiloAsyncThenRestartSiloAsync_EachSiloInTurnUnderSteadyLoad_TheClientSeesNoFailedOperation()
    {
        // An external client on the in-memory network that knows every gateway, retrying as the orleansbank client
        // does (OperationRetry): a call that got no answer is sent again at once with its operation id, three
        // attempts in all. A call the restarts cost it shows as a failure.
        await using var bank = await ClusterBank.StartAsync(3, TestClientTransport.InMemory);
        var cluster = bank.Cluster;
        var ids = await bank.OpenAccountsAsync("roll", 200, 1_000m);
        var load = new BankLoad(ids, 1_000m);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(bank.Grains, workers: 8, seed: 44, stop.Token, () => Task.CompletedTask, maxAttempts: ClientAttempts);

        foreach (var silo in cluster.Silos.ToList())
        {
            await ProgressAsync(load, running, $"before stopping {silo}");
            await cluster.StopSiloAsync(silo);
            await cluster.WaitForLivenessToStabilizeAsync();
            await ProgressAsync(load, running, $"while {silo} is down");
            var restarted = await cluster.RestartSiloAsync(silo);
            await cluster.WaitForLivenessToStabilizeAsync();
            await ProgressAsync(load, running, $"after {restarted} started again");
        }

        await stop.CancelAsync();
        await running.WaitAsync(Poll.DefaultTimeout);
        output.WriteLine($"{load.Acknowledged} acknowledged, {load.Retried} sent again by operation id after: {load.UnknownOutcomes}");

        Assert.True(load.Failures.Count == 0, $"{load.Failures.Count} operation(s) failed during the rolling restart, e.g. {load.Failures.FirstOrDefault()}");
        await load.VerifyAsync(bank.Grains);
    }

    private static async Task ProgressAsync(BankLoad load, Task running, string when)
    {
        var before = load.Acknowledged;
        await Poll.UntilAsync(() => load.Acknowledged >= before + 200 || running.IsCompleted, $"200 more operations acknowledged {when}");
        Assert.False(running.IsCompleted, $"the load stopped {when}: {running.Exception?.GetBaseException()}");
    }
}
