using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// This silo's membership: joins the table (Joining, then Active), heartbeats, keeps a snapshot fresh from the change
/// signal, probes its peers and votes the unreachable ones dead, and stops the silo when it reads itself dead. Every
/// versioned write re-reads and re-applies after a lost race, up to <see cref="ClusterMembershipOptions.MaxWriteAttempts"/>.
/// </summary>
internal sealed partial class MembershipService(
    IMembershipTable table,
    IMembershipTableChanges changes,
    ISiloProber prober,
    ISiloLifetime lifetime,
    ILocalSiloDetails localSilo,
    IOptions<ClusterMembershipOptions> options,
    TimeProvider time,
    ILogger<MembershipService> logger) : IAsyncDisposable, IDisposable
{
    private readonly ClusterMembershipOptions _options = options.Value;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private readonly object _publishLock = new();
    private MembershipSnapshot _snapshot = MembershipSnapshot.Empty;
    private TaskCompletionSource _published = NewSignal();
    private Task[] _loops = [];
    private volatile bool _joined;
    private volatile bool _leaving;
    private int _declaredDead;

    /// <summary>Raised, in version order, whenever a silo became active or dead; handlers must not block.</summary>
    public event Action<MembershipUpdate>? Changed;

    public SiloAddress Self { get; } = localSilo.SiloAddress;

    /// <summary>The latest table read.</summary>
    public MembershipSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Joins, becomes active, and starts heartbeats, probes and the change watch.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        await SetOwnStatusAsync(SiloStatus.Active);
        StartLoops();
    }

    /// <summary>Graceful stop, first step: tells the cluster this silo is leaving; it keeps heartbeating meanwhile.</summary>
    public Task ShutDownAsync() => _declaredDead == 0 ? SetOwnStatusAsync(SiloStatus.ShuttingDown) : Task.CompletedTask;

    /// <summary>Graceful stop, last step: writes this silo dead (its directory rows go with it) and stops the loops.</summary>
    public async Task LeaveAsync()
    {
        _leaving = true;
        if (_declaredDead == 0 && _joined)
        {
            await SetOwnStatusAsync(SiloStatus.Dead);
        }

        await DisposeAsync();
    }

    /// <summary>Returns the first snapshot for which <paramref name="condition"/> holds, the current one included.</summary>
    public async Task<MembershipSnapshot> WaitForAsync(Func<MembershipSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task published;
            lock (_publishLock)
            {
                if (condition(_snapshot))
                {
                    return _snapshot;
                }

                published = _published.Task;
            }

            await published.WaitAsync(cancellationToken);
        }
    }

    /// <summary>For a container disposed synchronously: stops the loops without waiting for them.</summary>
    public void Dispose() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_loops);
    }

    /// <summary>
    /// Inserts this silo's row as Joining, writes any older generation on this endpoint dead (a restart), and votes
    /// dead every stale member that does not answer a probe (a cold start after a full crash).
    /// </summary>
    internal async Task JoinAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        var now = time.GetUtcNow();
        var entry = new MembershipEntry
        {
            SiloAddress = Self,
            Status = SiloStatus.Joining,
            SiloName = Self.Host,
            StartTime = now,
            IAmAliveTime = now,
        };
        for (var attempt = 1; !_joined; attempt++)
        {
            var data = await table.ReadAllAsync();
            if (data.Find(Self) is not null)
            {
                throw new ClusterTableException($"The membership table already holds silo {Self}; a silo address is used once, so this start cannot join.");
            }

            _joined = await table.InsertRowAsync(entry, data.Version.Next());
            ThrowIfOutOfAttempts(attempt, "insert this silo's row");
        }

        LogJoining(logger, Self);
        var stale = await RefreshAsync();
        foreach (var old in stale.Entries.Where(e =>
                     e.SiloAddress.Endpoint == Self.Endpoint && e.SiloAddress.Generation < Self.Generation && e.Status != SiloStatus.Dead))
        {
            if (await UpdateAsync(old.SiloAddress, (row, _) => row.Status == SiloStatus.Dead ? null : row with { Status = SiloStatus.Dead }))
            {
                LogOldGenerationDead(logger, old.SiloAddress);
            }
        }

        await VoteOutUnreachableStaleMembersAsync();
        await RefreshAsync();
    }

    /// <summary>The blind heartbeat: moves this row's IAmAlive time and neither its etag nor the table version.</summary>
    internal Task HeartbeatAsync() => table.UpdateIAmAliveAsync(new MembershipEntry
    {
        SiloAddress = Self,
        Status = SiloStatus.Active,
        IAmAliveTime = time.GetUtcNow(),
    });

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

    internal async Task SetOwnStatusAsync(SiloStatus status)
    {
        var wrote = await UpdateAsync(Self, (row, _) => row.Status == SiloStatus.Dead
            ? null
            : row with { Status = status, IAmAliveTime = time.GetUtcNow() });
        if (!wrote && status != SiloStatus.Dead)
        {
            throw new ClusterTableException($"Silo {Self} could not become {status}: its membership row is gone or dead.");
        }

        LogStatus(logger, Self, status);
        await RefreshAsync();
    }

    /// <summary>
    /// The versioned write: reads, lets <paramref name="change"/> make the new row from the current one (null: nothing
    /// to write), writes; on a lost race reads again. False when the row is absent or there was nothing to write.
    /// </summary>
    private async Task<bool> UpdateAsync(SiloAddress silo, Func<MembershipEntry, MembershipTableData, MembershipEntry?> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = await table.ReadAllAsync();
            Publish(data);
            if (data.Find(silo) is not { } row || change(row.Entry, data) is not { } updated)
            {
                return false;
            }

            if (await table.UpdateRowAsync(updated, row.ETag, data.Version.Next()))
            {
                return true;
            }

            ThrowIfOutOfAttempts(attempt, $"update the row of {silo}");
        }
    }

    private void ThrowIfOutOfAttempts(int attempt, string what)
    {
        if (attempt >= _options.MaxWriteAttempts)
        {
            throw new ClusterTableException(
                $"Silo {Self} lost the race to {what} {attempt} times in a row (ClusterMembershipOptions.MaxWriteAttempts); the table is changing too fast or its versions are broken.");
        }
    }

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

    private void StartLoops() => _loops =
    [
        Task.Run(() => EveryAsync(_options.IAmAliveInterval, HeartbeatAsync, "heartbeat")),
        Task.Run(() => EveryAsync(_options.ProbeInterval, ProbePeersAsync, "probe round")),
        Task.Run(WatchChangesAsync),
    ];

    private async Task EveryAsync(TimeSpan period, Func<Task> step, string name)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await step();
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    // The next tick tries again; a store outage must not end heartbeats or probes for good.
                    LogStepFailed(logger, e, name, Self);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task WatchChangesAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var refresh = new CancellationTokenSource(_options.TableRefreshInterval, time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(refresh.Token, _stop.Token);
                try
                {
                    await changes.WaitForChangeAsync(Snapshot.Version, either.Token);
                }
                catch (OperationCanceledException) when (refresh.IsCancellationRequested && !_stop.IsCancellationRequested)
                {
                    // No change announced for a while: read anyway, in case a signal was lost.
                }

                await RefreshAsync();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LogStepFailed(logger, e, "table refresh", Self);
                try
                {
                    await Task.Delay(_options.ProbeInterval, time, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(1, LogLevel.Information, "Silo {Silo} inserted its membership row as Joining")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo);

    [LoggerMessage(2, LogLevel.Information, "Silo {Silo} is now {Status} in the membership table")]
    private static partial void LogStatus(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(3, LogLevel.Warning, "Wrote the older generation {Silo} of this silo's endpoint dead: this silo restarted")]
    private static partial void LogOldGenerationDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(4, LogLevel.Warning, "Probe of {Silo} missed ({Missed} in a row, limit {Limit}): {Reason}")]
    private static partial void LogProbeMissed(ILogger logger, SiloAddress silo, int missed, int limit, string? reason);

    [LoggerMessage(5, LogLevel.Warning, "Voted silo {Silo} dead")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo);

    [LoggerMessage(6, LogLevel.Warning, "Declared silo {Silo} dead: enough fresh votes")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(7, LogLevel.Warning, "Member {Silo} has a stale heartbeat and does not answer: {Reason}")]
    private static partial void LogStaleUnreachable(ILogger logger, SiloAddress silo, string? reason);

    [LoggerMessage(8, LogLevel.Critical, "Silo {Silo} reads itself dead and stops: {Reason}")]
    private static partial void LogSelfDead(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(9, LogLevel.Error, "Membership {Step} of silo {Silo} failed; it is tried again")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step, SiloAddress silo);
}
