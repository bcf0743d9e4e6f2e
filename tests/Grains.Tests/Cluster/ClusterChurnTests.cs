using System.Diagnostics;
using OrleansBank.TestingHost;
using Xunit.Abstractions;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>Issue 9 §7: silos killed and restarted one after another while thousands of accounts take money in and out.</summary>
public class ClusterChurnTests(ITestOutputHelper output)
{
    /// <summary>How long silos keep dying and coming back: about a minute, leaving the test under 90 s on two cores.</summary>
    private static readonly TimeSpan ChurnFor = TimeSpan.FromSeconds(50);

    /// <summary>How often a silo is killed or restarted.</summary>
    private static readonly TimeSpan BlowEvery = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task KillOrRestartASiloEveryFewSeconds_TwoThousandAccountsUnderLoad_NeverTwoActivationsAndBalancesMatchTheModel()
    {
        await using var bank = await ClusterBank.StartAsync(5);
        var cluster = bank.Cluster;
        var ids = await bank.OpenAccountsAsync("churn", 2_000, 1_000m);
        var load = new BankLoad(ids, 1_000m);
        using var stop = new CancellationTokenSource();
        var settled = new SettledGate();
        var running = load.RunAsync(bank.Grains, workers: 16, seed: 2026, stop.Token, async () =>
        {
            await settled.WhenOpen.WaitAsync(Poll.DefaultTimeout);
            await cluster.WaitForLivenessToStabilizeAsync();
        });
        var random = new Random(911);
        var (kills, restarts) = (0, 0);
        var watch = Stopwatch.StartNew();

        while (watch.Elapsed < ChurnFor)
        {
            // A blow every few seconds, and only once the load has moved on since the last, so each one catches
            // operations in flight on accounts that settled after the one before.
            var before = load.Acknowledged;
            var due = watch.Elapsed + BlowEvery;
            await Poll.UntilAsync(
                () => (load.Acknowledged >= before + 500 && watch.Elapsed >= due) || running.IsCompleted,
                $"500 more operations acknowledged and {BlowEvery.TotalSeconds} s passed before the next blow");
            Assert.False(running.IsCompleted, $"the load stopped: {running.Exception?.GetBaseException()}");

            // Not the primary: the test's client is hosted in it. Every other slot takes kills and restarts.
            var target = cluster.SecondarySilos[random.Next(cluster.SecondarySilos.Count)];
            settled.Close();
            if (random.Next(2) == 0)
            {
                kills++;
                await cluster.KillSiloAsync(target);
                await cluster.WaitForLivenessToStabilizeAsync();
                bank.AssertAtMostOneActivationEach(ids, $"after killing {target}");
                target = await cluster.RestartSiloAsync(target);
            }
            else
            {
                restarts++;
                target = await cluster.RestartSiloAsync(target);
            }

            await cluster.WaitForLivenessToStabilizeAsync();
            settled.Open();
            bank.AssertAtMostOneActivationEach(ids, $"after starting {target} again");
        }

        await stop.CancelAsync();
        await running.WaitAsync(Poll.DefaultTimeout);
        output.WriteLine($"{kills} kills, {restarts} restarts in {watch.Elapsed}; {load.Acknowledged} acknowledged, {load.Retried} retried by operation id after: {load.UnknownOutcomes}");

        Assert.Equal(5, cluster.Silos.Count);
        bank.AssertAtMostOneActivationEach(ids, "at the end");
        await load.VerifyAsync(bank.Grains);
        Assert.True(kills > 0 && restarts > 0, $"{kills} kills and {restarts} restarts: the churn needs both");
    }
}
