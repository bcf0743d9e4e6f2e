using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Activation;

// Admission: callers push onto the inbox without a lock; the pump, on this activation's scheduler, decides which queue
// each message joins and runs the deadlock check for a call that waits on a running request.
internal sealed partial class ActivationData
{
    // Where messages go once this activation is invalid; written before the state says so, read after.
    private Action<Message>? _handOn;

    // Set by retiring once it has handed on its leftovers: from then on a pusher that finds it invalid hands on its own.
    private bool _inboxHandedOn;

    /// <summary>For tests: runs after a caller found this activation live and before it pushes its message.</summary>
    internal Action<Message>? OnPushing { get; set; }

    /// <summary>Accepts a message to run now or later; false when this activation is gone and the caller must look again.</summary>
    public bool TryEnqueue(Message message)
    {
        if (_state == ActivationState.Invalid)
        {
            return false;
        }

        message.ArrivalTimestamp = _catalog.Metrics?.Start() ?? 0;
        if (message.Chain is { } chain && ChainPassesThroughUs(chain) && RefusedAsDeadlock(message))
        {
            return true;
        }

        OnPushing?.Invoke(message);
        Push(message);
        return true;
    }

    /// <summary>
    /// A call whose chain passes through this grain is checked on the caller's thread as well as by the pump: when the
    /// request it would wait on blocks this activation's thread (grain code waiting synchronously on a call), the pump
    /// cannot run to find the deadlock, and the call would hang until its timeout. Only such calls take the lock here.
    /// A call that may run beside the blocked turn (reentrant grain, [AlwaysInterleave]) is no deadlock, but still waits
    /// for the thread: blocking on a grain call inside a turn is never safe.
    /// </summary>
    private bool RefusedAsDeadlock(Message message)
    {
        bool deadlocked;
        lock (_lock)
        {
            deadlocked = _state is (ActivationState.Valid or ActivationState.Deactivating) && ChainWaitsOnRunningRequest(message.Chain!) && !CanStartNow(message);
        }

        if (deadlocked)
        {
            FailDeadlocked([message]);
        }

        return deadlocked;
    }

    private bool ChainPassesThroughUs(CallChain chain)
    {
        for (var link = chain; link is not null; link = link.Caller)
        {
            if (link.Grain == GrainId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Pushes onto the inbox and wakes the pump. Retiring sets the state and then empties the inbox; a pusher pushes and
    /// then reads the state, with a full fence between on both sides: one of the two sees the message, so a message
    /// pushed just after the final drain is still handed on.
    /// </summary>
    private void Push(Message message)
    {
        PushToInbox(message);
        Interlocked.MemoryBarrier();
        switch (_state)
        {
            case ActivationState.Invalid:
                // Once retiring has handed on its leftovers, this message is ours to hand on; before that, retiring's
                // last look at the inbox finds it (same fence handshake), so it does not overtake those leftovers. No
                // order is promised across a deactivation beyond that (nor does Orleans promise one).
                if (Volatile.Read(ref _inboxHandedOn))
                {
                    HandOnInbox();
                }

                break;
            case ActivationState.Creating:
                // Held until activation is done: it wakes the pump once the state says Valid, and sees this message then.
                break;
            default:
                WakePump();
                break;
        }
    }

    /// <summary>Hands on whatever is in the inbox of an invalid activation, as retiring did with its queues.</summary>
    private void HandOnInbox()
    {
        var handOn = _handOn!;
        Message? taken;
        lock (_lock)
        {
            taken = TakeInbox();
        }

        for (var message = taken; message is not null;)
        {
            var next = Unlink(message);

            // A tick belongs to this activation's timer, which is gone: a fresh activation starts its own timers.
            if (!GrainTimerMethod.IsTick(message))
            {
                HandOn(handOn, message);
            }

            message = next;
        }
    }

    /// <summary>Hands one message on; if that throws, its caller gets the error and the rest are still handed on.</summary>
    private void HandOn(Action<Message> handOn, Message message)
    {
        try
        {
            handOn(message);
        }
        catch (Exception ex)
        {
            Log.HandOnFailed(_logger, ex, message.ToString());
            message.ReplyTo.Fail(ex);
        }
    }

    /// <summary>Moves the inbox into the queues; call under the lock, on the pump. Deadlocked calls are returned to fail.</summary>
    private void AdmitInbox(ref List<Message>? deadlocked)
    {
        // Creating holds messages in the inbox; Invalid leaves them to whoever hands them on.
        if (_state is not (ActivationState.Valid or ActivationState.Deactivating))
        {
            return;
        }

        for (var message = TakeInbox(); message is not null;)
        {
            var next = Unlink(message);
            Admit(message, ref deadlocked);
            message = next;
        }
    }

    private void Admit(Message message, ref List<Message>? deadlocked)
    {
        if (GrainTimerMethod.IsTick(message))
        {
            // No tick starts once deactivation began: OnDeactivateAsync may run beside nothing of the grain's.
            if (_state == ActivationState.Valid)
            {
                (message.Method.IsAlwaysInterleave ? _bypass : _waiting).Enqueue(message);
            }

            return;
        }

        var waitsOnUs = message.Chain is not null && ChainWaitsOnRunningRequest(message.Chain);
        var mayRunBesideOthers = CanStartNow(message);
        if (waitsOnUs && !mayRunBesideOthers)
        {
            (deadlocked ??= []).Add(message);
        }
        else if ((waitsOnUs || message.Method.IsAlwaysInterleave) && mayRunBesideOthers)
        {
            _bypass.Enqueue(message);
        }
        else
        {
            _waiting.Enqueue(message);
        }
    }

    /// <summary>Fails each call that would wait on a request that waits on it; outside the lock.</summary>
    private void FailDeadlocked(List<Message> deadlocked)
    {
        foreach (var message in deadlocked)
        {
            var deadlock = new DeadlockException(message.Chain!.Describe(GrainId, message.Method.Name), _catalog.Silo);
            Log.Deadlock(_logger, deadlock.Message);
            Reply(message, null, deadlock);
        }
    }

    private bool ChainWaitsOnRunningRequest(CallChain chain)
    {
        for (var link = chain; link is not null; link = link.Caller)
        {
            if (link.Grain == GrainId && IsRunning(link.RunToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsRunning(RunToken token)
    {
        foreach (var running in _running)
        {
            if (running.RunToken == token)
            {
                return true;
            }
        }

        return false;
    }

    private bool CanStartNow(Message message) =>
        InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _turns.RunningWriters);
}
