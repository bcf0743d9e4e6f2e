using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>A transfer's resume reminder on a 3-silo cluster: the silo delivering its tick dies, and a survivor finishes it.</summary>
public class TransferClusterReminderTests
{
    [Fact]
    public async Task ReceiveReminder_SiloHoldingTheTickKilledMidDelivery_ASurvivorFinishesTheTransferOnce()
    {
        var probe = new CrashingHoldProbe();
        await using var bank = await ThreeSiloBank.StartAsync(probe);
        await bank.OpenAsync("a", 100m);
        await bank.OpenAsync("b", 20m);
        var reminder = new GrainId(TransferGrain.GrainTypeName, "t");
        await Assert.ThrowsAnyAsync<Exception>(() => bank.Grains.GetGrain<ITransferGrain>("t").Transfer("a", "b", 30m));

        // The resume tick comes due; one silo claims it, and its delivery is held midway in the transfer.
        bank.Advance(TimeSpan.FromSeconds(5));
        await probe.Held.WaitAsync(Poll.DefaultTimeout);
        var claimed = await bank.ReminderRowAsync(reminder, TransferGrain.ResumeReminder);
        var holder = Assert.Single(bank.Cluster.Silos, s => s.SiloAddress == claimed?.LeaseOwner);
        await bank.KillAsync(holder);
        probe.Crash();
        // The dead silo's lease runs out; a survivor claims the same tick and delivers it again.
        bank.Advance(ThreeSiloBank.Lease);
        await Poll.UntilAsync(
            async () => (await bank.Grains.GetGrain<ITransferGrain>("t").GetStatus()).Step == TransferStep.Completed
                && await bank.ReminderRowAsync(reminder, TransferGrain.ResumeReminder) is null,
            "a survivor to finish transfer 't' from its reminder and remove the reminder");

        var record = await bank.Grains.GetGrain<ITransferGrain>("t").GetStatus();
        Assert.Equal((TransferStatus.Posted, 70m, 50m), (record.Result!.Status, record.Result.FromBalance, record.Result.ToBalance));
        Assert.DoesNotContain(holder, bank.Cluster.Silos);
        Assert.Equal(0, await Books.PendingAsync(bank.Grains, "a", "b"));
        Assert.Equal(120m, await Books.TotalAsync(bank.Grains, "a", "b"));
        Assert.Single((await bank.Grains.GetGrain<IAccountGrain>("b").GetStatement()).Entries, e => e.TransferId == "t");
    }
}
