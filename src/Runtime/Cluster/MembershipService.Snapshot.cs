namespace OrleansBank.Runtime.Cluster;

/// <summary>Publishing table reads as snapshots, and noticing this silo read dead.</summary>
internal sealed partial class MembershipService
{
    private MembershipSnapshot Publish(MembershipTableData data)
    {
        MembershipSnapshot current;
        lock (_publishLock)
        {
            current = _snapshot;
            // A read that finished after a newer one must not roll the view back; same version re-reads refresh heartbeats.
            if (data.Version.Version >= current.Version.Version)
            {
                var next = new MembershipSnapshot(data.Version, data.Rows.Select(r => r.Entry));
                var update = MembershipUpdate.Between(current, next);
                CountStatusChanges(current, next);
                Volatile.Write(ref _snapshot, next);
                current = next;
                var fired = _published;
                _published = NewSignal();
                fired.TrySetResult();
                if (!update.IsEmpty)
                {
                    Changed?.Invoke(update);
                }
            }
        }

        CheckSelf(current);
        return current;
    }

    /// <summary>Counts each silo whose status differs from the last read (a silo new to the table counts too).</summary>
    private void CountStatusChanges(MembershipSnapshot before, MembershipSnapshot after)
    {
        if (metrics is null)
        {
            return;
        }

        foreach (var entry in after.Entries)
        {
            if (before.Find(entry.SiloAddress)?.Status != entry.Status)
            {
                metrics.Changed(entry.Status);
            }
        }
    }

    private void CheckSelf(MembershipSnapshot snapshot)
    {
        if (!_joined || _leaving)
        {
            return;
        }

        var reason = snapshot.Find(Self) switch
        {
            null => "its membership row is gone",
            { Status: SiloStatus.Dead } row => $"the cluster declared it dead (votes: {SuspicionVote.Format(row.SuspectTimes)})",
            _ when snapshot.IsDead(Self) => "a newer generation on its endpoint joined",
            _ => null,
        };
        if (reason is null || Interlocked.Exchange(ref _declaredDead, 1) != 0)
        {
            return;
        }

        LogSelfDead(logger, Self, reason);
        _stop.Cancel();
        lifetime.StopSilo($"Silo {Self} stops: {reason}.");
    }
}
