using OrleansBank.TestingHost;
using Xunit.Abstractions;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>Issue 9 §7: a silo cut off from the others while it hosts accounts.</summary>
public class ClusterIsolationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CutLinks_SiloHostingAccountsFromBothOthers_ItIsDeclaredDeadAndStopsAndTheOthersServeItsAccountsWithNothingLost()
    {
        await using var bank = await ClusterBank.StartAsync(3);
        var cluster = bank.Cluster;
        var ids = await bank.OpenAccountsAsync("cut", 60, 1_000m);
        var isolated = cluster.SecondarySilos[^1];
        var others = cluster.Silos.Where(s => s != isolated).ToList();
        var onIsolated = ids.Where(id => cluster.GetSilosHosting(bank.Grains.GetGrain<IAccountGrain>(id)).Contains(isolated)).ToList();
        Assert.True(onIsolated.Count > 0, $"random placement put none of {ids.Count} accounts on {isolated}");
        var load = new BankLoad(ids, 1_000m);
        using var stop = new CancellationTokenSource();
        // A call caught by the cut is retried once the cut silo is gone and the others agree on it.
        var running = load.RunAsync(bank.Grains, workers: 8, seed: 73, stop.Token, async () =>
        {
            await isolated.Stopped.WaitAsync(Poll.DefaultTimeout);
            await cluster.WaitForLivenessToStabilizeAsync();
        });
        await Poll.UntilAsync(() => load.Acknowledged >= 300 || running.IsCompleted, "300 operations acknowledged before the cut");

        foreach (var other in others)
        {
            cluster.CutLinks(isolated, other);
        }

        await isolated.Stopped.WaitAsync(Poll.DefaultTimeout);
        await cluster.WaitForLivenessToStabilizeAsync();
        var afterCut = load.Acknowledged;
        await Poll.UntilAsync(() => load.Acknowledged >= afterCut + 300 || running.IsCompleted, "300 more operations acknowledged once the cut silo is gone");
        await stop.CancelAsync();
        await running.WaitAsync(Poll.DefaultTimeout);
        output.WriteLine($"{load.Acknowledged} acknowledged, {load.Retried} retried by operation id after: {load.UnknownOutcomes}");

        Assert.Contains("declared it dead", isolated.StopReason);
        Assert.Equal(others.Select(s => s.ToString()).Order(), cluster.Silos.Select(s => s.ToString()).Order());
        await load.VerifyAsync(bank.Grains);
        foreach (var id in onIsolated)
        {
            var hosts = cluster.GetSilosHosting(bank.Grains.GetGrain<IAccountGrain>(id));
            Assert.True(hosts.Count == 1 && others.Contains(hosts[0]), $"account {id}, once on {isolated}, is hosted by [{string.Join(", ", hosts)}]");
        }
    }
}
