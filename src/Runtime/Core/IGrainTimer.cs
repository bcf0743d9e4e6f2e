namespace OrleansBank.Runtime;

/// <summary>A timer of one grain activation, created by <c>Grain.RegisterGrainTimer</c>: each tick is a turn of that activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer; a tick queued or running finishes first, and the new due time then counts from its end.</summary>
    /// <param name="dueTime">Time until the next tick: zero for at once, or <see cref="Timeout.InfiniteTimeSpan"/> to stop ticking.</param>
    /// <param name="period">Time from the end of one tick to the start of the next: <see cref="Timeout.InfiniteTimeSpan"/> (or zero) for a single tick.</param>
    /// <exception cref="ArgumentOutOfRangeException">A time is negative (other than infinite) or longer than 4294967294 ms.</exception>
    /// <exception cref="ObjectDisposedException">The timer was disposed, by the grain or by the activation's deactivation.</exception>
    void Change(TimeSpan dueTime, TimeSpan period);
}
