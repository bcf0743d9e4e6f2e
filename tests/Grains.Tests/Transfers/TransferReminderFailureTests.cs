using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>A reminder table that fails after a transfer completed: the transfer's outcome stands.</summary>
public class TransferReminderFailureTests
{
    [Fact]
    public async Task Transfer_ReminderTableFailsToRemoveTheResumeReminder_StillAnswersPosted()
    {
        var reminders = new UnregisterFailingReminders();
        await using var bank = await BankCluster.StartAsync(configure: silo => silo.ConfigureServices(s => s.AddSingleton<IReminderRegistry>(reminders)));
        await bank.OpenAsync(100m, "a");
        await bank.OpenAsync(0m, "b");

        var result = await bank.Grains.GetGrain<ITransferGrain>("t").Transfer("a", "b", 30m);

        Assert.Equal((TransferStatus.Posted, 70m, 30m), (result.Status, result.FromBalance, result.ToBalance));
        Assert.Equal(1, reminders.FailedUnregisters);
    }

    private sealed class UnregisterFailingReminders : IReminderRegistry
    {
        private int _failed;

        public int FailedUnregisters => Volatile.Read(ref _failed);

        public Task<GrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period) =>
            Task.FromResult(new GrainReminder(reminderName, period, DateTimeOffset.UtcNow + dueTime));

        public Task<bool> UnregisterReminder(GrainId grainId, string reminderName)
        {
            Interlocked.Increment(ref _failed);
            throw new InvalidOperationException("The reminder table is unreachable (injected by the test).");
        }

        public Task<IReadOnlyList<GrainReminder>> GetReminders(GrainId grainId) => Task.FromResult<IReadOnlyList<GrainReminder>>([]);
    }
}
