using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The reminder service's poll loop alone, over a memory table whose first claim is held at a gate.</summary>
public sealed class ReminderServicePollTests
{
    [Fact]
    public async Task Poll_TimerFiresWhileAPollIsRunning_PollsAgainAfterwardsAndDeliversTheTick()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var table = new GatedReminderTable(new MemoryReminderTable(new MemoryClusterStore(), "test"));
        var delivered = new TaskCompletionSource<TickStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new ReminderService(
            table,
            new RecordingDelivery(delivered),
            new Here(),
            time,
            Options.Create(new ReminderOptions { PollInterval = TimeSpan.FromSeconds(1) }),
            NullLogger<ReminderService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await service.RegisterOrUpdateReminder(new GrainId("order", "1"), "pay", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(1)); // the first poll claims at start+1s, nothing due yet, and is held
        await table.FirstClaimEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(1)); // the tick is due now, and the timer fires while the first poll runs
        table.ReleaseFirstClaim.SetResult();

        var tick = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TickStatus.FormatTickId("pay", start.AddSeconds(2)), tick.TickId);
        await service.StopAsync(CancellationToken.None);
        await service.DisposeAsync();
    }

    private sealed class Here : ILocalSiloDetails
    {
        public SiloAddress SiloAddress { get; } = new("127.0.0.1", 11111, 1);
    }

    private sealed class RecordingDelivery(TaskCompletionSource<TickStatus> delivered) : IReminderDelivery
    {
        public Task DeliverAsync(GrainId grainId, string reminderName, TickStatus status)
        {
            delivered.TrySetResult(status);
            return Task.CompletedTask;
        }
    }

    private sealed class GatedReminderTable(IReminderTable inner) : IReminderTable
    {
        private int _claims;

        public TaskCompletionSource FirstClaimEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseFirstClaim { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId) => inner.ReadRowsAsync(grainId);

        public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName) => inner.ReadRowAsync(grainId, reminderName);

        public Task<string> UpsertRowAsync(ReminderEntry entry) => inner.UpsertRowAsync(entry);

        public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag) => inner.RemoveRowAsync(grainId, reminderName, etag);

        public async Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max)
        {
            var claimed = await inner.ClaimDueAsync(silo, now, leaseDuration, max);
            if (Interlocked.Increment(ref _claims) == 1)
            {
                FirstClaimEntered.SetResult();
                await ReleaseFirstClaim.Task;
            }

            return claimed;
        }

        public Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue) =>
            inner.CompleteTickAsync(entry, claimedEtag, nextDue);
    }
}
