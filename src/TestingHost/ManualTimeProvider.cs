namespace OrleansBank.TestingHost;

/// <summary>A clock that moves only when the test calls <see cref="Advance"/>; timers due by then fire once.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>Starts at 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc/>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>
    /// Moves the clock forward and runs, on this thread, every timer that has come due (each once, earliest first); a
    /// timer that an earlier callback of the same advance moved or disposed does not fire at its old time.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<(ManualTimer Timer, long Version)> due;
        lock (_lock)
        {
            _now += by;
            // Earliest first, as a real clock would fire them; ties keep the order the timers were set in.
            due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).Select(t => (t, t.Version)).ToList();
            foreach (var (timer, _) in due)
            {
                timer.Reschedule(_now);
            }
        }

        foreach (var (timer, version) in due)
        {
            // An earlier callback of this advance may have moved or disposed it: then it is no longer due now.
            if (timer.IsStill(version))
            {
                timer.Fire();
            }
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        /// <summary>Counts changes and disposal, so an advance fires only a timer nobody touched since it found it due.</summary>
        public long Version { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // As System.Threading.Timer: a negative time other than infinite is a mistake, not "at once".
            ThrowIfNegative(dueTime, nameof(dueTime));
            ThrowIfNegative(period, nameof(period));
            lock (owner._lock)
            {
                Version++;
                owner._timers.Remove(this);
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner._now + dueTime;
                    owner._timers.Add(this);
                }
            }

            return true;
        }

        public void Reschedule(DateTimeOffset now)
        {
            if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
            {
                owner._timers.Remove(this);
            }
            else
            {
                DueAt = now + _period;
            }
        }

        public bool IsStill(long version)
        {
            lock (owner._lock)
            {
                return Version == version;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                Version++;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ThrowIfNegative(TimeSpan value, string paramName)
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be zero or positive, or Timeout.InfiniteTimeSpan; it was {value}.");
            }
        }
    }
}
