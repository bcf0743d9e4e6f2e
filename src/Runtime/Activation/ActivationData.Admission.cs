using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Activation;

// Admission: which queue a message joins, and the deadlock check for a call that waits on a running request.
internal sealed partial class ActivationData
{
    /// <summary>Accepts a message to run now or later; false when this activation is gone and the caller must look again.</summary>
    public bool TryEnqueue(Message message)
    {
        var schedulePump = false;
        DeadlockException? deadlock = null;
        message.ArrivalTimestamp = _catalog.Metrics?.Start() ?? 0;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            var waitsOnUs = message.Chain is not null && ChainWaitsOnRunningRequest(message.Chain);
            var mayRunBesideOthers = InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _runningWriters);
            if (_state == ActivationState.Creating)
            {
                _waiting.Enqueue(message);
            }
            else if (waitsOnUs && !mayRunBesideOthers)
            {
                deadlock = new DeadlockException(message.Chain!.Describe(GrainId, message.Method.Name), _catalog.Silo);
            }
            else if ((waitsOnUs || message.Method.IsAlwaysInterleave) && mayRunBesideOthers)
            {
                _bypass.Enqueue(message);
                schedulePump = ClaimPump();
            }
            else
            {
                _waiting.Enqueue(message);
                schedulePump = _state == ActivationState.Valid && ClaimPump();
            }
        }

        if (deadlock is not null)
        {
            Log.Deadlock(_logger, deadlock.Message);
            Reply(message, null, deadlock);
        }
        else if (schedulePump)
        {
            SchedulePump();
        }

        return true;
    }

    private bool ChainWaitsOnRunningRequest(CallChain chain)
    {
        for (var link = chain; link is not null; link = link.Caller)
        {
            if (link.Grain == GrainId && _running.Exists(r => r.RunToken == link.RunToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool CanStartNow(Message message) =>
        InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _runningWriters);
}
