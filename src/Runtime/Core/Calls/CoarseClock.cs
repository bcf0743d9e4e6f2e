using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Calls;

/// <summary>
/// A timestamp refreshed every <see cref="MessagingOptions.TimeoutCheckInterval"/>: deadlines, expiry and idleness
/// need no finer precision than the sweep that acts on them, and reading it costs no clock call on the call path.
/// </summary>
internal sealed class CoarseClock : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _now;

    public CoarseClock(TimeProvider time, IOptions<MessagingOptions> options)
    {
        _time = time;
        _now = time.GetTimestamp();
        var period = options.Value.TimeoutCheckInterval;
        _timer = time.CreateTimer(static s => ((CoarseClock)s!).Refresh(), this, period, period);
    }

    public long Now => Volatile.Read(ref _now);

    public long Frequency => _time.TimestampFrequency;

    /// <summary>Reads the real clock; the sweep calls it before it acts, so it never judges by a stale time.</summary>
    public long Refresh()
    {
        var now = _time.GetTimestamp();
        Volatile.Write(ref _now, now);
        return now;
    }

    public long After(TimeSpan span) => Now + (long)(span.TotalSeconds * Frequency);

    public void Dispose() => _timer.Dispose();
}
