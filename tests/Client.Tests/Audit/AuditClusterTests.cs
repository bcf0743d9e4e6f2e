using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Client.Audit;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Client.Tests.Audit;

/// <summary>
/// The audit's workload and checker on a 3-silo test cluster whose silos are killed while transfers are in flight on
/// them: each kill comes while every worker's transfer is held just after its durable request, one of them on the
/// silo killed, so the kill always cuts a transfer midway.
/// </summary>
public class AuditClusterTests
{
    private const int Transfers = 300;

    [Fact]
    public async Task CheckAsync_SilosKilledWithTransfersMidway_BooksBalanceNothingPendingNoAnomaly()
    {
        var held = new HeldTransfers();
        var reminders = new MemoryClusterStore();
        await using var cluster = new TestClusterBuilder(3)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryReminderTable(reminders)
                .AddReminderService()
                .AddTransferOptions()
                .ConfigureServices(s => s.AddSingleton(sp => held.For(sp.GetRequiredService<ILocalSiloDetails>().SiloAddress))))
            .UseClientTransport(TestClientTransport.InMemory)
            .Build();
        await cluster.DeployAsync();
        var settings = new AuditSettings(Accounts: 8, Transfers, Duration: null, Concurrency: 6, Prefix: "kills");
        await using var clients = new AuditClients(_ => Task.FromResult<IHost>(new BorrowedClient(cluster.Client)));
        await clients.StartAsync(settings.Connections, CancellationToken.None);
        var ledger = new AuditLedger();
        var workload = new AuditWorkload(settings, clients, ledger);
        await workload.OpenAccountsAsync(CancellationToken.None);

        var run = workload.RunAsync(CancellationToken.None);
        var cut = new List<string>();
        cut.AddRange(await KillMidwayAsync(cluster, held, ledger, settings, answered: 60));
        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync(Poll.DefaultTimeout);
        cut.AddRange(await KillMidwayAsync(cluster, held, ledger, settings, answered: 160));
        await run;
        var report = await new AuditChecker(settings, clients, ledger).CheckAsync(CancellationToken.None);

        Assert.Empty(report.Anomalies);
        Assert.Equal((Transfers, Transfers), (report.Transfers, report.Posted + report.Declined));
        Assert.Equal((8_000m, 8_000m), (report.TotalBefore, report.TotalAfter));
        Assert.Equal((0, 0), (report.NegativeSeen, report.PendingLeft));
        Assert.NotEmpty(cut);
        // Each cut transfer's caller lost its answer with the silo, and sent it again under the same id.
        Assert.True(report.Retried >= cut.Count, $"{report.Retried} transfers retried, {cut.Count} cut by the kills");
        foreach (var id in cut)
        {
            Assert.Equal(TransferStep.Completed, (await cluster.Client.GetGrain<ITransferGrain>(id).GetStatus()).Step);
        }
    }

    /// <summary>
    /// Once <paramref name="answered"/> transfers have an outcome, holds every worker's next transfer after its request,
    /// kills the silo of one of them and lets them go; returns the transfers that were cut midway by the kill.
    /// </summary>
    private static async Task<IReadOnlyList<string>> KillMidwayAsync(TestCluster cluster, HeldTransfers held, AuditLedger ledger, AuditSettings settings, int answered)
    {
        await Poll.UntilAsync(() => ledger.Transfers.Values.Count(t => t.Outcome is not null) >= answered, $"{answered} transfers answered before a kill");
        held.Arm();
        await Poll.UntilAsync(() => held.Held.Count == settings.Concurrency, $"each of the {settings.Concurrency} workers' transfers to be held after its request");
        var victim = held.Held.Values.First();
        var silo = cluster.Silos.Single(s => s.SiloAddress == victim);
        await cluster.KillSiloAsync(silo);
        // Released only now that the silo's connections are gone: its held transfers stop as with the process.
        var cut = held.Held.Where(h => h.Value == victim).Select(h => h.Key).ToArray();
        held.Release(victim);
        await cluster.WaitForLivenessToStabilizeAsync(Poll.DefaultTimeout);
        return cut;
    }
}
