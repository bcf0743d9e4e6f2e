using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>A grain that registers reminders on request and records every tick it receives.</summary>
public interface IReminderTestGrain : IGrainWithStringKey
{
    Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> Unregister(string name);

    Task<IReadOnlyList<GrainReminder>> Reminders();

    /// <summary>Deactivates once this call returns; returns the activation's instance id.</summary>
    Task<Guid> Deactivate();
}

/// <summary>The ticks the reminder test grains received, kept outside them so they survive deactivation.</summary>
public sealed class ReminderTickLog
{
    private int _failuresLeft;

    public ConcurrentQueue<(string Grain, string Name, TickStatus Status)> Received { get; } = new();

    /// <summary>Which activation received each tick, in order.</summary>
    public ConcurrentQueue<Guid> Instances { get; } = new();

    /// <summary>The next <paramref name="count"/> ticks throw after being recorded, as a grain that fails would.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public bool TakeFailure() => Interlocked.Decrement(ref _failuresLeft) >= 0;
}

public sealed class ReminderTestGrain(ReminderTickLog log) : Grain, IReminderTestGrain, IRemindable
{
    public Task<GrainReminder> Register(string name, TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(name, dueTime, period);

    public Task<bool> Unregister(string name) => this.UnregisterReminder(name);

    public Task<IReadOnlyList<GrainReminder>> Reminders() => this.GetReminders();

    private readonly Guid _instance = Guid.NewGuid();

    public Task<Guid> Deactivate()
    {
        DeactivateOnIdle();
        return Task.FromResult(_instance);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Instances.Enqueue(_instance);
        log.Received.Enqueue((GrainId.Key, reminderName, status));
        return log.TakeFailure() ? throw new InvalidOperationException($"tick {status.TickId} fails on purpose") : Task.CompletedTask;
    }
}
