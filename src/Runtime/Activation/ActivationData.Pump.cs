using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Diagnostics;

namespace OrleansBank.Runtime.Activation;

// The pump: starts queued requests on this activation's scheduler, runs each, and does its bookkeeping.
internal sealed partial class ActivationData
{
    /// <summary>Marks the pump as running if there is work it may start; call under the lock.</summary>
    private bool ClaimPump()
    {
        if (_pumping || !HasStartable())
        {
            return false;
        }

        _pumping = true;
        return true;
    }

    private bool HasStartable() =>
        _bypass.Count > 0 || (_state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartNow(next));

    /// <summary>Schedules the pump on this activation's scheduler, without the waker's execution context.</summary>
    private void SchedulePump() =>
        Scheduler.StartWithoutFlow(new Task(static s => ((ActivationData)s!).Pump(), this, TaskCreationOptions.DenyChildAttach));

    /// <summary>
    /// Runs startable requests one after another on this activation's scheduler, each until it completes or awaits.
    /// One work item serves many requests, so a busy grain does not pay a task and a queue trip per request.
    /// </summary>
    private void Pump()
    {
        for (var started = 0; ; started++)
        {
            Message? next;
            lock (_lock)
            {
                next = started < MaxRequestsPerPump ? TakeOneStartable() : null;
                if (next is null)
                {
                    var more = started >= MaxRequestsPerPump && HasStartable();
                    _pumping = more;
                    if (!more)
                    {
                        return;
                    }
                }
            }

            if (next is null)
            {
                // Budget spent with work left: requeue behind other work so one hot grain cannot hold a thread.
                SchedulePump();
                return;
            }

            _ = RunRequestAsync(next);
        }
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
        lock (_lock)
        {
            _running.Remove(message);
            _runningWriters -= message.Method.IsReadOnly ? 0 : 1;
            if (GrainTimerMethod.KeepsAlive(message))
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
            else
            {
                pump = ClaimPump();
            }
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
        _runningWriters += message.Method.IsReadOnly ? 0 : 1;
        return message;
    }
}
