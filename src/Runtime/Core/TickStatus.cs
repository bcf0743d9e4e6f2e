using System.Globalization;

namespace OrleansBank.Runtime;

/// <summary>
/// One tick of a reminder: when it first ticked, its period, the due time of this tick, and the tick's id
/// (<c>name@dueUnixMilliseconds</c>), which every redelivery of the tick repeats.
/// </summary>
/// <param name="FirstTickTime">When the reminder was first due.</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="CurrentTickTime">The due time of this tick (not the moment it was delivered, so a redelivery is identical).</param>
/// <param name="TickId">The tick's identity: the reminder's name and this tick's due time.</param>
public sealed record TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime, string TickId)
{
    /// <summary>The status of the tick of <paramref name="reminderName"/> due at <paramref name="dueTime"/>, with its id.</summary>
    public static TickStatus For(string reminderName, DateTimeOffset firstTickTime, TimeSpan period, DateTimeOffset dueTime) =>
        new(firstTickTime, period, dueTime, FormatTickId(reminderName, dueTime));

    /// <summary>
    /// <c>name@dueUnixMilliseconds</c>: unique per tick of one grain's reminder, since a reminder's due times only grow
    /// and are kept to the millisecond.
    /// </summary>
    public static string FormatTickId(string reminderName, DateTimeOffset dueTime) =>
        $"{reminderName}@{dueTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
}
