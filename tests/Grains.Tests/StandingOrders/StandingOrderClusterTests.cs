using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.StandingOrders;

/// <summary>A standing order on a 3-silo cluster whose silo holding the order dies between two ticks.</summary>
public class StandingOrderClusterTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReceiveReminder_SiloHoldingTheOrderKilledBetweenTicks_NoTickLostNoneDoubled()
    {
        await using var bank = await ThreeSiloBank.StartAsync();
        await bank.OpenAsync("a", 100m);
        await bank.OpenAsync("b", 0m);
        IStandingOrderGrain Order() => bank.Grains.GetGrain<IStandingOrderGrain>("rent");
        var row = new GrainId(StandingOrderGrain.GrainTypeName, "rent");
        await Order().Create("a", "b", 10m, Every, null);
        var start = bank.Time.GetUtcNow();

        bank.Advance(Every);
        await Poll.UntilAsync(
            async () => (await Order().GetOrder()).Executed == 1 && (await bank.ReminderRowAsync(row, StandingOrderGrain.ExecuteReminder))?.DueTime == start + (Every * 2),
            "the first tick to run and complete");
        var victim = Assert.Single(bank.Cluster.GetSilosHosting(Order()));
        // Between ticks: the first is completed in the table, the second not yet due.
        await bank.KillAsync(victim);
        bank.Advance(start + (Every * 2) - bank.Time.GetUtcNow());
        await Poll.UntilAsync(
            async () => (await Order().GetOrder()).Executed == 2 && (await bank.ReminderRowAsync(row, StandingOrderGrain.ExecuteReminder))?.DueTime == start + (Every * 3),
            "the second tick to run on a survivor and complete");
        bank.Advance(Every);
        await Poll.UntilAsync(
            async () => (await bank.ReminderRowAsync(row, StandingOrderGrain.ExecuteReminder))?.DueTime == start + (Every * 4),
            "the third tick to complete");

        var done = await Order().GetOrder();
        Assert.DoesNotContain(victim, bank.Cluster.GetSilosHosting(Order()));
        Assert.Equal((3, 3, "rent/3"), (done.Executed, done.Posted, done.LastTransferId));
        Assert.Equal(70m, await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance());
        Assert.Equal(30m, await bank.Grains.GetGrain<IAccountGrain>("b").GetBalance());
        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.Equal(TransferStep.Completed, (await bank.Grains.GetGrain<ITransferGrain>($"rent/{n}").GetStatus()).Step);
        }

        Assert.Equal(TransferStep.None, (await bank.Grains.GetGrain<ITransferGrain>("rent/4").GetStatus()).Step);
    }
}
