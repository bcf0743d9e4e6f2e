namespace OrleansBank.Runtime.Activation;

// Idle collection: the collector files this activation by its idle deadline and asks, when that comes, if it is idle.
internal sealed partial class ActivationData
{
    /// <summary>The time of the collector's bucket holding this activation; read and written under the collector's lock.</summary>
    public long CollectionBucket { get; set; } = ActivationCollector.Unfiled;

    /// <summary>
    /// Begins deactivation if nothing that keeps the grain alive ran or waited for <paramref name="ageTicks"/>; otherwise
    /// gives the earliest time it could be idle enough, which is never before a running request can finish.
    /// </summary>
    public IdleVerdict TryCollectIdle(long now, long ageTicks, TimeSpan age, out long deadline)
    {
        lock (_lock)
        {
            deadline = LastActiveTimestamp + ageTicks;
            if (_state != ActivationState.Valid)
            {
                return _state == ActivationState.Creating ? IdleVerdict.NotYet : IdleVerdict.Gone;
            }

            if (HasWorkKeepingAlive())
            {
                // Its end will stamp the activation active, so it cannot be idle before a full age from now.
                deadline = now + ageTicks;
                return IdleVerdict.NotYet;
            }

            if (deadline > now)
            {
                return IdleVerdict.NotYet;
            }

            BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle for {age}"));
        }

        _ = FinishDeactivationAsync();
        return IdleVerdict.Collecting;
    }
}
