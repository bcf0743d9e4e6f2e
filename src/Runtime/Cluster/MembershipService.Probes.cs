namespace OrleansBank.Runtime.Cluster;

/// <summary>Probing peers and voting the unreachable ones dead.</summary>
internal sealed partial class MembershipService
{
    /// <summary>One probe round: probes the monitored peers at once and suspects those that missed too many in a row.</summary>
    internal async Task ProbePeersAsync()
    {
        var snapshot = Snapshot;
        if (snapshot.Find(Self)?.Status is not (SiloStatus.Active or SiloStatus.ShuttingDown))
        {
            return;
        }

        var targets = SuspicionRule.ProbeTargets(snapshot, Self, _options.NumProbedSilos);
        var results = await Task.WhenAll(targets.Select(async t => (Target: t, Result: await ProbeAsync(t))));
        var suspects = new List<(SiloAddress Target, bool OnlyIfStale)>();
        lock (_missedProbes)
        {
            foreach (var gone in _missedProbes.Keys.Except(targets).ToList())
            {
                _missedProbes.Remove(gone);
            }

            foreach (var (target, result) in results)
            {
                if (result.Succeeded)
                {
                    _missedProbes.Remove(target);
                    continue;
                }

                var missed = _missedProbes[target] = _missedProbes.GetValueOrDefault(target) + 1;
                LogProbeMissed(logger, target, missed, _options.NumMissedProbesLimit, result.FailureReason);
                suspects.Add((target, missed < _options.NumMissedProbesLimit));
            }
        }

        foreach (var (target, onlyIfStale) in suspects)
        {
            await SuspectAsync(target, onlyIfStale);
        }
    }

    /// <summary>Reads the whole table and publishes it; returns the snapshot it read.</summary>
    internal async Task<MembershipSnapshot> RefreshAsync() => Publish(await table.ReadAllAsync());

    /// <summary>
    /// Writes this silo's vote against <paramref name="target"/>, or writes it dead when the fresh votes, this one
    /// included, reach the rule's count. With <paramref name="onlyIfStale"/> it votes only if the target's heartbeat
    /// is stale (one failed probe is then enough). Returns true when this call wrote the target dead.
    /// </summary>
    internal async Task<bool> SuspectAsync(SiloAddress target, bool onlyIfStale)
    {
        var declared = false;
        var wrote = await UpdateAsync(target, (row, data) =>
        {
            var now = time.GetUtcNow();
            if (row.Status == SiloStatus.Dead
                || data.Find(Self)?.Entry.Status is null or SiloStatus.Dead
                || (onlyIfStale && !SuspicionRule.IsStale(row, now, _options)))
            {
                return null;
            }

            var votes = SuspicionRule.FreshVotesOfOthers(row, Self, now, _options).Append(new SuspicionVote(Self, now)).ToList();
            var needed = SuspicionRule.VotesNeeded(data, Self, target, now, _options);
            declared = votes.Count >= needed;
            return row with { Status = declared ? SiloStatus.Dead : row.Status, SuspectTimes = votes };
        });
        if (!wrote)
        {
            return false;
        }

        metrics?.Suspected();
        if (declared)
        {
            LogDeclaredDead(logger, target);
        }
        else
        {
            LogVoted(logger, target);
        }

        await RefreshAsync();
        return declared;
    }

    private async Task VoteOutUnreachableStaleMembersAsync()
    {
        var now = time.GetUtcNow();
        var stale = Snapshot.Entries
            .Where(e => e.SiloAddress != Self && e.Status != SiloStatus.Dead && SuspicionRule.IsStale(e, now, _options))
            .Select(e => e.SiloAddress)
            .ToList();
        var results = await Task.WhenAll(stale.Select(async t => (Target: t, Result: await ProbeAsync(t))));
        foreach (var (target, result) in results.Where(r => !r.Result.Succeeded))
        {
            LogStaleUnreachable(logger, target, result.FailureReason);
            await SuspectAsync(target, onlyIfStale: true);
        }
    }

    private async Task<ProbeResult> ProbeAsync(SiloAddress target)
    {
        // The timeout's timer exists before the prober is called, so a test clock advanced after the call fires it.
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, time);
        try
        {
            return await prober.ProbeAsync(target, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ProbeResult.Failed($"no answer within {_options.ProbeTimeout}");
        }
        catch (Exception e)
        {
            return ProbeResult.Failed(e.Message);
        }
    }
}
