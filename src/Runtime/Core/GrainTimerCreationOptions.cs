using System.Diagnostics.CodeAnalysis;

namespace OrleansBank.Runtime;

/// <summary>How a grain timer ticks: when first, how often, and whether its ticks interleave or keep the grain alive.</summary>
public readonly struct GrainTimerCreationOptions
{
    // Timers take milliseconds as a uint, with uint.MaxValue meaning infinite; anything longer cannot be scheduled.
    private const double MaxMilliseconds = 4294967294;

    /// <summary>Options with <see cref="DueTime"/> and <see cref="Period"/> set; neither interleaving nor keeping alive.</summary>
    [SetsRequiredMembers]
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Time until the first tick: zero for at once, or <see cref="Timeout.InfiniteTimeSpan"/> to create the timer stopped.</summary>
    public required TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of one tick to the start of the next, so ticks never overlap: <see cref="Timeout.InfiniteTimeSpan"/> (or zero) for a single tick.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>
    /// When true, a tick may run beside the grain's other requests and timers, as an <see cref="AlwaysInterleaveAttribute"/>
    /// method does; when false (the default), a tick is a turn like any request and respects the grain's reentrancy.
    /// </summary>
    public bool Interleave { get; init; }

    /// <summary>When true, each tick counts as activity and postpones idle collection; by default (false) idle collection ignores ticks.</summary>
    public bool KeepAlive { get; init; }

    /// <summary>Throws when <paramref name="value"/> is neither infinite nor between zero and 4294967294 ms.</summary>
    /// <param name="value">A due time or period.</param>
    /// <param name="paramName">The parameter, as the caller named it.</param>
    internal static void ThrowIfInvalid(TimeSpan value, string paramName)
    {
        if (value != Timeout.InfiniteTimeSpan && (value < TimeSpan.Zero || value.TotalMilliseconds > MaxMilliseconds))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                $"{paramName} must be zero or positive and at most 4294967294 ms (about 49.7 days), or Timeout.InfiniteTimeSpan; it was {value}.");
        }
    }

    /// <summary>Throws when <see cref="DueTime"/> or <see cref="Period"/> cannot be scheduled, naming which.</summary>
    internal void Validate()
    {
        ThrowIfInvalid(DueTime, $"options.{nameof(DueTime)}");
        ThrowIfInvalid(Period, $"options.{nameof(Period)}");
    }
}
