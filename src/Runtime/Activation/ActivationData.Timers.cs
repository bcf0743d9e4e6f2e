using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

// Timers: a tick is a message of this activation's own, queued like a request, never handed to another activation.
internal sealed partial class ActivationData : IGrainTimerRegistry
{
    private readonly List<GrainTimer> _timers = [];

    /// <summary>True while ticks may run: from activation until deactivation begins.</summary>
    public bool RunsTicks
    {
        get
        {
            lock (_lock)
            {
                return _state == ActivationState.Valid;
            }
        }
    }

    public IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, token => callback(state, token), options, _catalog.Time, _logger);
        bool live;
        lock (_lock)
        {
            // A timer made while the activation leaves is discarded at once, as every other timer of it is.
            live = _state is ActivationState.Creating or ActivationState.Valid;
            if (live)
            {
                _timers.Add(timer);
            }
        }

        if (live)
        {
            timer.Start(options.DueTime);
        }
        else
        {
            timer.Dispose();
        }

        return timer;
    }

    /// <summary>Queues a tick as a request; false when the activation is leaving, so the timer stops.</summary>
    public bool TryEnqueueTick(Message tick)
    {
        if (_state is ActivationState.Deactivating or ActivationState.Invalid)
        {
            return false;
        }

        // Admitted by the pump like any message; one that finds deactivation begun by then is dropped there.
        Push(tick);
        return true;
    }

    public void OnTimerDisposed(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Disposes every timer without deactivating: its silo was killed, and a dead silo's timers must not tick.</summary>
    public void HaltTimers() => StopTimers();

    /// <summary>Disposes every timer: called as deactivation begins, so no tick starts once OnDeactivateAsync may run.</summary>
    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers.Count == 0)
            {
                return;
            }

            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    /// <summary>True when a request, or a tick of a timer that keeps the grain alive, is running or waiting; call under the lock.</summary>
    private bool HasWorkKeepingAlive() =>
        _running.Exists(GrainTimerMethod.KeepsAlive) || _waiting.Any(GrainTimerMethod.KeepsAlive)
        || _bypass.Any(GrainTimerMethod.KeepsAlive) || InboxAny(GrainTimerMethod.KeepsAlive);
}
