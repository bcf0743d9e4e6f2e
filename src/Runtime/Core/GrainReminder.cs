namespace OrleansBank.Runtime;

/// <summary>One of a grain's durable reminders as the grain sees it: its name, period and when it is next due.</summary>
public sealed record GrainReminder(string ReminderName, TimeSpan Period, DateTimeOffset NextDue);
