using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Diagnostics;

namespace OrleansBank.Runtime.Activation;

// The pump: starts queued requests on this activation's scheduler, runs each, and does its bookkeeping.
internal sealed partial class ActivationData
{
    /// <summary>For tests: runs on the pump when it found nothing to do, before it lets go of its claim.</summary>
    internal Action? OnPumpReleasing { get; set; }

    /// <summary>Claims the pump for a caller already on this activation's scheduler; false when it is claimed.</summary>
    private bool TryClaimPump() => Interlocked.CompareExchange(ref _pumpClaimed, 1, 0) == 0;

    /// <summary>Schedules the pump unless it is scheduled or running already; any thread.</summary>
    private void WakePump()
    {
        // Read before the compare-and-swap: many pushers to a busy pump then share its flag's cache line, not fight over it.
        if (Volatile.Read(ref _pumpClaimed) == 0 && TryClaimPump())
        {
            SchedulePump();
        }
    }

    private bool HasStartable() =>
        _bypass.Count > 0 || (_state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartNow(next));

    /// <summary>Asks this activation's scheduler for a run of the pump; any thread, no lock, no task made here.</summary>
    /// <remarks>
    /// The scheduler runs the pump inside a task of its own, made on the thread that runs it: grain code started by the
    /// pump must see this scheduler as TaskScheduler.Current, or its first await would resume on the thread pool,
    /// beside the activation's next turn.
    /// </remarks>
    private void SchedulePump() => Scheduler.RequestPump();

    /// <summary>
    /// Admits what the inbox holds and runs startable requests one after another on this activation's scheduler, each
    /// until it completes or awaits; the caller holds the claim. One work item serves many requests, so a busy grain
    /// does not pay a task and a queue trip per request.
    /// </summary>
    private void Pump()
    {
        _turns.Budget = MaxRequestsPerPump;
        while (true)
        {
            Message? next;
            bool more;
            if (_turns.Handoff.Ready)
            {
                // The request just run completed inline and looked for the next one under its own lock.
                (next, more) = (_turns.Handoff.Next, _turns.Handoff.More);
                _turns.Handoff = default;
            }
            else
            {
                List<Message>? deadlocked = null;
                lock (_lock)
                {
                    AdmitInbox(ref deadlocked);
                    next = TakeNext(out more);
                }

                if (deadlocked is not null)
                {
                    FailDeadlocked(deadlocked);
                }
            }

            if (next is not null)
            {
                _turns.InlineRequest = next;
                _ = RunRequestAsync(next);
                _turns.InlineRequest = null;
            }
            else if (more)
            {
                // Budget spent with work left: requeue behind other work so one hot grain cannot hold a thread.
                SchedulePump();
                return;
            }
            else if (!ReleasePump())
            {
                return;
            }
        }
    }

    /// <summary>The next request to start within the pump's budget, or whether work is left once it is spent; under the lock.</summary>
    private Message? TakeNext(out bool more)
    {
        more = false;
        if (_turns.Budget <= 0)
        {
            more = HasStartable();
            return null;
        }

        var next = TakeOneStartable();
        _turns.Budget -= next is null ? 0 : 1;
        return next;
    }

    /// <summary>
    /// Lets go of the claim; true when a message arrived meanwhile and the pump got the claim back to admit it. A pusher
    /// that failed to claim did so before the release, so the look at the inbox after it finds its message.
    /// </summary>
    private bool ReleasePump()
    {
        OnPumpReleasing?.Invoke();
        Interlocked.Exchange(ref _pumpClaimed, 0);
        return !InboxIsEmpty && (_state is ActivationState.Valid or ActivationState.Deactivating) && TryClaimPump();
    }

    private async Task RunRequestAsync(Message message)
    {
        CallChain.CurrentRequest = message;
        message.Span = GrainCallTracing.StartRequest(message, _catalog.Silo);
        object? result = null;
        Exception? error = null;
        var turnStart = _clock.Now;
        try
        {
            if (_clock.Now >= message.DeadlineTimestamp)
            {
                // The caller has already been told it timed out; running it now would act on a request nobody awaits.
                Log.ExpiredRequestDropped(_logger, message.ToString());
                error = new TimeoutException($"{message} expired before it could run.");
            }
            else
            {
                var task = message.Request.Invoke(_grain!);
                await task;
                result = message.Request.GetResult(task);
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        _catalog.Metrics?.TurnEnded(Class.GrainType, turnStart, _clock.Now);

        // Bookkeeping before the reply: a caller holding the answer can rely on the turn being over.
        var pump = OnRequestCompleted(message);
        var pendingWrites = PendingWrites();
        if (pendingWrites is null)
        {
            Reply(message, result, error);
            if (pump)
            {
                Pump();
            }

            return;
        }

        // The turn is over and the next request may start, but this reply waits until what it saw is durable.
        if (pump)
        {
            Pump();
        }

        // Not back to the scheduler: nothing of this request is left to run there.
        await ReplyWhenDurableAsync(message, result, error, pendingWrites).ConfigureAwait(false);
    }

    /// <summary>Removes a finished request; true when the caller, on this activation's scheduler, should run the pump.</summary>
    private bool OnRequestCompleted(Message message)
    {
        var deactivate = false;
        var pump = false;
        List<Message>? deadlocked = null;
        lock (_lock)
        {
            _running.Remove(message);
            _turns.RunningWriters -= message.Method.IsReadOnly ? 0 : 1;
            // Written only when the coarse clock moved: a write per request would pull the line from the callers' cores.
            if (GrainTimerMethod.KeepsAlive(message) && LastActiveTimestamp != _clock.Now)
            {
                LastActiveTimestamp = _clock.Now;
            }

            if (_state == ActivationState.Deactivating)
            {
                if (_running.Count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
            else if (_deactivateOnIdle && _running.Count == 0)
            {
                BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));
                deactivate = true;
            }
            else if (ReferenceEquals(message, _turns.InlineRequest))
            {
                // Completed inside the pump's call: find the pump's next step under this lock, sparing it another.
                AdmitInbox(ref deadlocked);
                var next = TakeNext(out var more);
                _turns.Handoff = new PumpHandoff(true, next, more);
            }
            else
            {
                pump = (HasStartable() || !InboxIsEmpty) && TryClaimPump();
            }
        }

        if (deadlocked is not null)
        {
            FailDeadlocked(deadlocked);
        }

        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }

        return pump;
    }

    private Message? TakeOneStartable()
    {
        if (_bypass.TryDequeue(out var admitted))
        {
            return Track(admitted);
        }

        return _state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartNow(next)
            ? Track(_waiting.Dequeue())
            : null;
    }

    private Message Track(Message message)
    {
        message.RunToken = _catalog.NextRunToken();
        _running.Add(message);
        _turns.RunningWriters += message.Method.IsReadOnly ? 0 : 1;
        return message;
    }
}
