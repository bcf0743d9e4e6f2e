namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// One durable reminder's row: which grain, its name, when it first ticked, its period, when it is next due, the row's
/// etag and the lease a silo holds while it delivers a tick. Times are kept to the millisecond.
/// </summary>
public sealed record ReminderEntry
{
    /// <summary>The shortest period a reminder may have (Orleans allows one minute; a bank's retries want seconds).</summary>
    public static readonly TimeSpan MinimumPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The longest reminder name, so a name fits an index key and a tick id stays short.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The grain the reminder ticks; with <see cref="ReminderName"/>, the row's key.</summary>
    public required GrainId GrainId { get; init; }

    /// <summary>The reminder's name, unique per grain.</summary>
    public required string ReminderName { get; init; }

    /// <summary>When the reminder was first due.</summary>
    public required DateTimeOffset StartAt { get; init; }

    /// <summary>The time between ticks; at least <see cref="MinimumPeriod"/>.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>When the next tick is due; a claim takes the row once this has passed.</summary>
    public required DateTimeOffset DueTime { get; init; }

    /// <summary>The row's etag as the store last wrote it; null on an entry not read from a store.</summary>
    public string? ETag { get; init; }

    /// <summary>The silo delivering the current tick, or null while nobody holds the lease.</summary>
    public SiloAddress? LeaseOwner { get; init; }

    /// <summary>When the lease lapses and another silo may claim the tick; null while nobody holds it.</summary>
    public DateTimeOffset? LeaseExpiry { get; init; }

    /// <summary>
    /// The due time after a tick completed at <paramref name="now"/>: the first of <see cref="DueTime"/> plus whole
    /// periods that is later than <paramref name="now"/>, so ticks missed while no silo could deliver are skipped, not
    /// replayed, and the schedule keeps its phase.
    /// </summary>
    public DateTimeOffset NextDueAfter(DateTimeOffset now)
    {
        if (Period < MinimumPeriod)
        {
            throw new InvalidOperationException(PeriodProblem(Period));
        }

        if (now < DueTime)
        {
            return DueTime + Period;
        }

        var missed = (now - DueTime).Ticks / Period.Ticks;
        return DueTime + TimeSpan.FromTicks(Period.Ticks * (missed + 1));
    }

    /// <summary>What is wrong with the entry as a row to store, or null when a store can keep it.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(GrainId.Type) || string.IsNullOrEmpty(GrainId.Key) ? $"Reminder '{ReminderName}': the grain id '{GrainId}' has no type or no key."
        : string.IsNullOrWhiteSpace(ReminderName) ? $"Reminder of {GrainId}: the name is empty; give each reminder of a grain its own name."
        : ReminderName.Length > MaxNameLength ? $"Reminder of {GrainId}: the name is {ReminderName.Length} characters long; give at most {MaxNameLength}."
        : ReminderName.Any(char.IsControl) ? $"Reminder of {GrainId}: the name contains control characters; use printable characters."
        : PeriodProblem(Period) is { } period ? $"Reminder '{ReminderName}' of {GrainId}: {period}"
        : null;

    /// <summary>Why <paramref name="period"/> cannot be a reminder's period, or null when it can.</summary>
    public static string? PeriodProblem(TimeSpan period) => period < MinimumPeriod
        ? $"the period is {period}; a reminder's period must be at least 1 second (00:00:01); use a grain timer for anything faster."
        : null;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the problem when the entry cannot be stored.</summary>
    public static void ThrowIfInvalid(ReminderEntry entry, string paramName)
    {
        ArgumentNullException.ThrowIfNull(entry, paramName);
        if (entry.Problem() is { } problem)
        {
            throw new ArgumentException(problem, paramName);
        }
    }
}
