using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>A grain that measures how late its reminder ticks arrive.</summary>
public interface ILatenessGrain : IGrainWithStringKey
{
    /// <summary>Registers the grain's reminder: first tick after <paramref name="due"/>, then every <paramref name="period"/>.</summary>
    Task Start(TimeSpan due, TimeSpan period);

    Task Stop();
}

/// <summary>A grain whose reminder does nothing but note how late each tick arrived against its due time.</summary>
public sealed class LatenessGrain(LatenessRecorder recorder, TimeProvider time) : Grain, ILatenessGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task Start(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, due, period);

    public Task Stop() => this.UnregisterReminder(ReminderName);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Add((time.GetUtcNow() - status.CurrentTickTime).TotalMilliseconds);
        return Task.CompletedTask;
    }
}
