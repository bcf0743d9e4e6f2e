using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>
/// A transfer's own reminder finishes it after a crash at any step: the silo is stopped there and a new one started on
/// the same storage and reminder table; nobody calls the transfer again, the reminder's tick does.
/// </summary>
public class TransferReminderTests
{
    private static readonly TimeSpan ResumeDue = TimeSpan.FromSeconds(5);

    public static TheoryData<TransferPoint> CrashPoints() => [.. Enum.GetValues<TransferPoint>()];

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task ReceiveReminder_AfterACrashAtAnyStep_FinishesTheTransferAndRemovesItsReminder(TransferPoint point)
    {
        var time = new ManualTimeProvider();
        var store = new MemoryClusterStore();
        var storage = new FlakyStorage();
        await using (var bank = await StartAsync(time, store, storage, new TestTransferProbe { FailOnceAt = point }))
        {
            await bank.OpenAsync(100m, "a");
            await bank.OpenAsync(20m, "b");
            await Assert.ThrowsAnyAsync<Exception>(() => bank.Grains.GetGrain<ITransferGrain>("t").Transfer("a", "b", 30m));
            Assert.NotEqual(TransferStep.Completed, (await bank.Grains.GetGrain<ITransferGrain>("t").GetStatus()).Step);
        }

        await using var restarted = await StartAsync(time, store, storage);
        var transfer = restarted.Grains.GetGrain<ITransferGrain>("t");
        time.Advance(ResumeDue);
        await Poll.UntilAsync(
            async () => (await transfer.GetStatus()).Step == TransferStep.Completed && await ResumeRowAsync(restarted, "t") is null,
            $"the resume reminder to finish transfer 't' (stopped after {point}) and remove itself");

        var record = await transfer.GetStatus();
        Assert.Equal((TransferStatus.Posted, 70m, 50m), (record.Result!.Status, record.Result.FromBalance, record.Result.ToBalance));
        Assert.Equal(0, await Books.PendingAsync(restarted.Grains, "a", "b"));
        Assert.Equal(120m, await Books.TotalAsync(restarted.Grains, "a", "b"));
    }

    [Fact]
    public async Task Transfer_FinishedWithoutACrash_LeavesNoReminder()
    {
        await using var bank = await StartAsync(new ManualTimeProvider(), new MemoryClusterStore(), new FlakyStorage());
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");

        var result = await bank.Grains.GetGrain<ITransferGrain>("t").Transfer("a", "b", 30m);

        Assert.Equal(TransferStatus.Posted, result.Status);
        Assert.Null(await ResumeRowAsync(bank, "t"));
    }

    [Fact]
    public async Task ReceiveReminder_NothingRecorded_RemovesTheReminderAndChangesNothing()
    {
        var time = new ManualTimeProvider();
        await using var bank = await StartAsync(time, new MemoryClusterStore(), new FlakyStorage());
        await bank.OpenAsync(100m, "a");
        var id = new GrainId(TransferGrain.GrainTypeName, "t");

        // As a crash between arming the reminder and recording the request leaves it.
        await bank.Cluster.ServiceProvider.GetRequiredService<IReminderRegistry>().RegisterOrUpdateReminder(id, TransferGrain.ResumeReminder, ResumeDue, TimeSpan.FromMinutes(1));
        time.Advance(ResumeDue);
        await Poll.UntilAsync(async () => await ResumeRowAsync(bank, "t") is null, "the reminder of an unrecorded transfer to remove itself");

        Assert.Equal(TransferStep.None, (await bank.Grains.GetGrain<ITransferGrain>("t").GetStatus()).Step);
        Assert.Equal(100m, await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance());
    }

    private static Task<BankCluster> StartAsync(ManualTimeProvider time, MemoryClusterStore store, FlakyStorage storage, ITransferProbe? probe = null) =>
        BankCluster.StartAsync(storage, probe, time, silo => silo
            .AddMemoryReminderTable(store)
            .AddReminderService(o => o.PollInterval = TimeSpan.FromSeconds(1))
            .AddTransferOptions(o => (o.ResumeDueTime, o.ResumePeriod) = (ResumeDue, TimeSpan.FromMinutes(1))));

    private static Task<ReminderEntry?> ResumeRowAsync(BankCluster bank, string transferId) =>
        bank.Cluster.ServiceProvider.GetRequiredService<IReminderTable>()
            .ReadRowAsync(new GrainId(TransferGrain.GrainTypeName, transferId), TransferGrain.ResumeReminder);
}
