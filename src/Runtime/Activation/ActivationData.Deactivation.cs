using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

// Deactivation: running requests finish, writes settle, OnDeactivateAsync runs, and queued messages move on.
internal sealed partial class ActivationData
{
    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateOnIdle = true;
        }
    }

    /// <summary>Begins deactivation: running requests finish, then OnDeactivateAsync, then queued messages go to a new activation.</summary>
    /// <param name="reason">Why.</param>
    public bool TryDeactivate(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Creating)
            {
                // Still activating: deactivate as soon as that is done, before any queued request starts.
                _deactivateOnceActive = reason;
                return true;
            }

            if (_state != ActivationState.Valid)
            {
                return false;
            }

            BeginDeactivation(reason);
        }

        _ = FinishDeactivationAsync();
        return true;
    }

    private void BeginDeactivation(DeactivationReason reason)
    {
        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_running.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    private async Task FinishDeactivationAsync()
    {
        StopTimers();
        await _drained!.Task;
        // A new activation must not read the store while this one's writes are still landing.
        foreach (var state in _durableStates)
        {
            await state.SettleAsync();
        }

        try
        {
            var reason = _deactivationReason;
            await Scheduler.RunWithoutFlow(() => _grain!.OnDeactivateAsync(reason, CancellationToken.None));
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(_logger, ex, GrainId);
        }

        // Only now, with its writes settled, may another silo's activation of this grain take over.
        await UnregisterAsync();
        Log.Deactivated(_logger, GrainId, _deactivationReason.Description);
        Retire(_catalog.Deliver);
    }

    /// <summary>
    /// Goes invalid, empties the queues and leaves the catalog, then hands each message that was still queued on:
    /// after a failed activation it gets the error, after a deactivation it goes to a fresh activation.
    /// </summary>
    private void Retire(Action<Message> handOn)
    {
        List<Message> leftovers;
        lock (_lock)
        {
            _handOn = handOn;
            _state = ActivationState.Invalid;
            Handle.Clear();
            leftovers = [.. _bypass, .. _waiting];
            _bypass.Clear();
            _waiting.Clear();
        }

        // Pairs with the pusher's fence (see Push): the inbox is read only after the state is seen as Invalid.
        Interlocked.MemoryBarrier();

        StopTimers();
        _catalog.Collector.Forget(this);
        _catalog.Remove(this);
        _deactivated.TrySetResult();
        foreach (var message in leftovers)
        {
            // A tick belongs to this activation's timer, which is gone: a fresh activation starts its own timers.
            if (!GrainTimerMethod.IsTick(message))
            {
                HandOn(handOn, message);
            }
        }

        // Pushed but never admitted: those come after the admitted ones. From here on a pusher that finds this
        // activation invalid hands its own message on; the fence pairs with the pusher's (see Push).
        Volatile.Write(ref _inboxHandedOn, true);
        Interlocked.MemoryBarrier();
        HandOnInbox();
    }
}
