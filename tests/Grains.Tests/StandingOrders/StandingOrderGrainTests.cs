using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.StandingOrders;

/// <summary>Standing orders on a silo with a manual clock and a memory reminder table: each Advance is one tick.</summary>
public class StandingOrderGrainTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task ReceiveReminder_EachTick_RunsOneTransferUntilTheCountThenCompletes()
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");

        var created = await order.Create("a", "b", 10m, Every, 2);
        var start = _time.GetUtcNow();
        _time.Advance(Every);
        // The tick is done once its row is due again: advancing before that, the service would find it still claimed.
        await Poll.UntilAsync(
            async () => (await order.GetOrder()).Executed == 1 && (await ReminderRowAsync(bank, "rent"))?.DueTime == start + Every * 2,
            "the first execution, and its reminder due again one period later");
        _time.Advance(Every);
        await Poll.UntilAsync(async () => (await order.GetOrder()).Status == StandingOrderStatus.Completed, "the order to complete");

        var done = await order.GetOrder();
        Assert.Equal((StandingOrderStatus.Active, 0), (created.Status, created.Executed));
        Assert.Equal((2, 2, "rent/2", TransferStatus.Posted), (done.Executed, done.Posted, done.LastTransferId, done.LastStatus));
        Assert.Equal((80m, 20m), await BalancesAsync(bank));
        Assert.Equal(TransferStep.Completed, (await bank.Grains.GetGrain<ITransferGrain>("rent/1").GetStatus()).Step);
        Assert.Null(await ReminderRowAsync(bank, "rent"));
    }

    [Fact]
    public async Task ReceiveReminder_SameTickDeliveredTwice_MovesMoneyOnce()
    {
        DroppedCompletionReminderTable? table = null;
        await using var bank = await StartAsync(services => DroppedCompletionReminderTable.Decorate(services, 1, t => table = t));
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");
        await order.Create("a", "b", 10m, Every, null);
        var start = _time.GetUtcNow();

        _time.Advance(Every);
        await Poll.UntilAsync(async () => (await order.GetOrder()).Executed == 1, "the first execution");
        // The first completion was lost: once the lease lapses the same tick (same tick id) is delivered again.
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(
            async () => (await ReminderRowAsync(bank, "rent"))?.DueTime == start + Every * 5,
            "the redelivered tick to complete, moving the next due time past the lease");

        Assert.NotNull(table);
        Assert.Equal((1, 1), ((await order.GetOrder()).Executed, (await order.GetOrder()).Posted));
        Assert.Equal((90m, 10m), await BalancesAsync(bank));
    }

    [Fact]
    public async Task ReceiveReminder_SiloRestartedBetweenTicks_NextTickRunsOnceOnTheNewSilo()
    {
        var (storage, store) = (new FlakyStorage(), new MemoryClusterStore());
        await using (var first = await StartAsync(storage: storage, store: store))
        {
            await OpenAsync(first);
            var order = first.Grains.GetGrain<IStandingOrderGrain>("rent");
            await order.Create("a", "b", 10m, Every, 2);
            _time.Advance(Every);
            await Poll.UntilAsync(async () => (await order.GetOrder()).Executed == 1, "the first execution");
            await Poll.UntilAsync(async () => (await ReminderRowAsync(first, "rent"))?.DueTime == _time.GetUtcNow() + Every, "the first tick to complete");
        }

        await using var second = await StartAsync(storage: storage, store: store);
        var again = second.Grains.GetGrain<IStandingOrderGrain>("rent");
        _time.Advance(Every);
        await Poll.UntilAsync(async () => (await again.GetOrder()).Status == StandingOrderStatus.Completed, "the second execution on the new silo");

        Assert.Equal((2, "rent/2"), ((await again.GetOrder()).Executed, (await again.GetOrder()).LastTransferId));
        Assert.Equal((80m, 20m), await BalancesAsync(second));
        Assert.Null(await ReminderRowAsync(second, "rent"));
    }

    [Fact]
    public async Task Cancel_ActiveOrder_StopsItAndRemovesItsReminder()
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");
        await order.Create("a", "b", 10m, Every, null);

        var cancelled = await order.Cancel();
        var again = await order.Cancel();

        Assert.Equal(StandingOrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(cancelled, again);
        Assert.Null(await ReminderRowAsync(bank, "rent"));
        Assert.Equal((100m, 0m), await BalancesAsync(bank));
    }

    [Fact]
    public async Task Cancel_UnknownOrder_SaysSo()
    {
        await using var bank = await StartAsync();

        var error = await Assert.ThrowsAsync<StandingOrderNotFoundException>(() => bank.Grains.GetGrain<IStandingOrderGrain>("nope").Cancel());

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "b", 10, 500, 1, "at most once a second")]
    [InlineData("a", "b", 10, 10_000, 0, "give 1 or more")]
    [InlineData("a", "a", 10, 10_000, 1, "two accounts")]
    [InlineData("a", "b", 0, 10_000, 1, "greater than 0")]
    public async Task Create_BadTerms_RefusedAndNothingCreated(string from, string to, decimal amount, int everyMs, int count, string says)
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => order.Create(from, to, amount, TimeSpan.FromMilliseconds(everyMs), count));

        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal(StandingOrderStatus.None, (await order.GetOrder()).Status);
        Assert.Null(await ReminderRowAsync(bank, "rent"));
    }

    [Fact]
    public async Task Create_UnopenedAccount_RefusedAndNothingCreated()
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");

        await Assert.ThrowsAsync<AccountNotOpenException>(() => order.Create("a", "ghost", 10m, Every, null));

        Assert.Equal(StandingOrderStatus.None, (await order.GetOrder()).Status);
        Assert.Null(await ReminderRowAsync(bank, "rent"));
    }

    [Fact]
    public async Task Create_SameIdAgain_SameTermsReturnTheOrderOtherTermsConflict()
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        var order = bank.Grains.GetGrain<IStandingOrderGrain>("rent");
        var first = await order.Create("a", "b", 10m, Every, 3);

        var again = await order.Create("a", "b", 10m, Every, 3);
        await Assert.ThrowsAsync<OperationIdConflictException>(() => order.Create("a", "b", 11m, Every, 3));

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Create_TwoOrders_BothListedUnderEachAccount()
    {
        await using var bank = await StartAsync();
        await OpenAsync(bank);
        await bank.OpenAsync(0m, "c");
        await bank.Grains.GetGrain<IStandingOrderGrain>("rent").Create("a", "b", 10m, Every, null);
        await bank.Grains.GetGrain<IStandingOrderGrain>("gym").Create("a", "c", 5m, Every, null);

        Assert.Equal(["gym", "rent"], await bank.Grains.GetGrain<IStandingOrderIndexGrain>("a").List());
        Assert.Equal(["rent"], await bank.Grains.GetGrain<IStandingOrderIndexGrain>("b").List());
        Assert.Empty(await bank.Grains.GetGrain<IStandingOrderIndexGrain>("d").List());
    }

    private Task<BankCluster> StartAsync(Action<IServiceCollection>? services = null, FlakyStorage? storage = null, MemoryClusterStore? store = null) =>
        BankCluster.StartAsync(storage, time: _time, configure: silo =>
        {
            silo.AddMemoryReminderTable(store)
                .AddReminderService(o => (o.PollInterval, o.LeaseDuration) = (TimeSpan.FromSeconds(1), Lease));
            if (services is not null)
            {
                silo.ConfigureServices(services);
            }
        });

    private static async Task OpenAsync(BankCluster bank)
    {
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");
    }

    private static async Task<(decimal, decimal)> BalancesAsync(BankCluster bank) =>
        (await bank.Grains.GetGrain<IAccountGrain>("a").GetBalance(), await bank.Grains.GetGrain<IAccountGrain>("b").GetBalance());

    private static Task<ReminderEntry?> ReminderRowAsync(BankCluster bank, string orderId) =>
        bank.Cluster.ServiceProvider.GetRequiredService<IReminderTable>()
            .ReadRowAsync(new GrainId(StandingOrderGrain.GrainTypeName, orderId), StandingOrderGrain.ExecuteReminder);
}
