namespace OrleansBank.Runtime;

/// <summary>Orleans' reminder calls on a grain: durable ticks delivered to its <see cref="IRemindable.ReceiveReminder"/>.</summary>
public static class ReminderGrainExtensions
{
    /// <summary>See <see cref="IReminderRegistry.RegisterOrUpdateReminder"/>; the grain must implement <see cref="IRemindable"/>.</summary>
    public static Task<GrainReminder> RegisterOrUpdateReminder(this Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException(
                $"{grain.GetType().Name} registers reminder '{reminderName}' but does not implement IRemindable: implement it to receive the ticks.");
        }

        return Registry(grain).RegisterOrUpdateReminder(grain.GrainId, reminderName, dueTime, period);
    }

    /// <summary>See <see cref="IReminderRegistry.UnregisterReminder"/>.</summary>
    public static Task<bool> UnregisterReminder(this Grain grain, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Registry(grain).UnregisterReminder(grain.GrainId, reminderName);
    }

    /// <summary>See <see cref="IReminderRegistry.GetReminders"/>.</summary>
    public static Task<IReadOnlyList<GrainReminder>> GetReminders(this Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Registry(grain).GetReminders(grain.GrainId);
    }

    private static IReminderRegistry Registry(Grain grain) =>
        grain.GrainContext.Services.GetService(typeof(IReminderRegistry)) as IReminderRegistry
        ?? throw new InvalidOperationException(
            "This silo has no reminder service: add a reminder table (AddMemoryReminderTable, AddSqliteReminderTable or AddPostgresReminderTable) and AddReminderService to the silo builder.");
}
