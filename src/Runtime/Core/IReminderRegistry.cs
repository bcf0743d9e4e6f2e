namespace OrleansBank.Runtime;

/// <summary>
/// A grain's way to its durable reminders, from the silo's services (the <see cref="ReminderGrainExtensions"/> on
/// <see cref="Grain"/> use it). Present when the silo runs the reminder service.
/// </summary>
public interface IReminderRegistry
{
    /// <summary>
    /// Creates or replaces the reminder <paramref name="reminderName"/> of <paramref name="grainId"/>: first due after
    /// <paramref name="dueTime"/> (0 or more), then every <paramref name="period"/> (at least 1 second). Durable once
    /// the task completes.
    /// </summary>
    Task<GrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Deletes the reminder; true if there was one. A tick already being delivered may still arrive.</summary>
    Task<bool> UnregisterReminder(GrainId grainId, string reminderName);

    /// <summary>The grain's reminders, ordered by name.</summary>
    Task<IReadOnlyList<GrainReminder>> GetReminders(GrainId grainId);
}
