namespace OrleansBank.Runtime;

/// <summary>A grain that receives the ticks of its durable reminders.</summary>
/// <remarks>
/// Delivery is at least once: a silo that dies after the call but before recording it leaves the tick to be delivered
/// again. <see cref="TickStatus.TickId"/> is the same on every delivery of one tick, so a grain that remembers the ids
/// it has acted on makes each tick's effect exactly once.
/// </remarks>
public interface IRemindable : IGrain
{
    /// <summary>Called once per tick of the reminder named <paramref name="reminderName"/> (more than once if a delivery is retried).</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
