namespace OrleansBank.Runtime.Cluster;

/// <summary>The periodic loops: heartbeat, probes, refresh, and the change watch.</summary>
internal sealed partial class MembershipService
{
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
}
