using System.Reflection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// One grain timer. The clock's timer only queues a tick; the tick runs as a turn of its activation, and the clock is
/// armed again when the tick ends, so ticks never overlap and the period counts from the end of the previous tick.
/// </summary>
internal sealed partial class GrainTimer : IGrainTimer, IResponseSink
{
    private static readonly MethodInfo TickMethod =
        typeof(GrainTimer).GetMethod(nameof(Tick), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly object _lock = new();
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerMethod _method;
    private readonly ArgumentsRequest _tick;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private TimeSpan _period;

    // A Change made while a tick is queued or running: applied when that tick ends, from its end.
    private TimeSpan? _dueAfterTick;
    private bool _tickPending;
    private bool _disposed;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options, TimeProvider time, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _logger = logger;
        _period = options.Period;
        _method = new GrainTimerMethod
        {
            InterfaceType = typeof(IGrainTimer),
            Id = 0,
            Method = TickMethod,
            ParameterTypes = [],
            ResultType = typeof(void),
            IsReadOnly = false,
            IsAlwaysInterleave = options.Interleave,
            Timeout = null,
            Invoke = (_, _) => Tick(),
            GetResult = static _ => null,
            KeepAlive = options.KeepAlive,
        };
        _tick = new ArgumentsRequest(_method, []);

        // The clock's callback only queues a tick: it must not carry the registering request's AsyncLocals along.
        var suppress = ExecutionContext.IsFlowSuppressed() ? default(AsyncFlowControl?) : ExecutionContext.SuppressFlow();
        try
        {
            _timer = time.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            suppress?.Undo();
        }
    }

    /// <summary>Arms the clock for the first tick.</summary>
    public void Start(TimeSpan dueTime)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        GrainTimerCreationOptions.ThrowIfInvalid(dueTime, nameof(dueTime));
        GrainTimerCreationOptions.ThrowIfInvalid(period, nameof(period));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            if (_tickPending)
            {
                _dueAfterTick = dueTime;
            }
            else
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException ex)
        {
            // Grain code registered on the token threw: deactivation, which disposes timers, must still go on.
            Log.CancellationCallbackFailed(_logger, ex, _activation.GrainId);
        }

        _activation.OnTimerDisposed(this);
    }

    void IResponseSink.Complete(object? result)
    {
    }

    // The tick's exception, or a failed write it made: the timer goes on either way, as in Orleans.
    void IResponseSink.Fail(Exception exception) => Log.TickFailed(_logger, exception, _activation.GrainId);

    public override string ToString() => $"GrainTimer({_activation.GrainId})";

    /// <summary>The clock's callback, on whatever thread the clock uses: queues one tick unless one is already pending.</summary>
    private void OnDue()
    {
        lock (_lock)
        {
            if (_disposed || _tickPending)
            {
                return;
            }

            _tickPending = true;
        }

        var tick = new Message
        {
            Id = 0,
            Target = _activation.GrainId,
            Method = _method,
            Request = _tick,
            DeadlineTimestamp = long.MaxValue,
            Chain = null,
            ReplyTo = this,
        };
        if (!_activation.TryEnqueueTick(tick))
        {
            // The activation is leaving: its timers leave with it.
            Dispose();
        }
    }

    /// <summary>The tick's turn, on the activation's scheduler.</summary>
    private async Task Tick()
    {
        try
        {
            if (!IsDisposed && _activation.RunsTicks)
            {
                await _callback(_cancellation.Token);
            }
        }
        finally
        {
            ArmAfterTick();
        }
    }

    private bool IsDisposed
    {
        get
        {
            lock (_lock)
            {
                return _disposed;
            }
        }
    }

    private void ArmAfterTick()
    {
        lock (_lock)
        {
            _tickPending = false;
            if (_disposed)
            {
                return;
            }

            // A zero period means a single tick, as for System.Threading.Timer.
            var next = _dueAfterTick ?? (_period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : _period);
            _dueAfterTick = null;
            if (next != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(next, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Warning, "A timer tick of {GrainId} failed; the timer goes on")]
        public static partial void TickFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1102, LogLevel.Warning, "A callback registered on the token failed when cancelling a timer of {GrainId}; the timer is disposed anyway")]
        public static partial void CancellationCallbackFailed(ILogger logger, Exception exception, GrainId grainId);
    }
}
