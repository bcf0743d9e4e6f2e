using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// A silo's side of durable reminders: every <see cref="ReminderOptions.PollInterval"/> it claims the cluster's due
/// ticks by lease, calls each grain's <see cref="IRemindable.ReceiveReminder"/>, and completes the tick once the call
/// returned. A failed call leaves the lease to lapse, so the tick is delivered again (with the same tick id) by
/// whichever silo claims it next. It also serves <see cref="IReminderRegistry"/> to grains.
/// </summary>
internal sealed partial class ReminderService(
    IReminderTable table,
    IReminderDelivery delivery,
    ILocalSiloDetails localSilo,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<ReminderService> logger,
    ReminderMetrics? metrics = null) : IReminderRegistry, IHostedService, IAsyncDisposable
{
    // A claim may race a tick's completion and change the etag under an unregister; a few re-reads always settle it.
    private const int RemoveAttempts = 5;

    private readonly ReminderOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _polling;
    private int _requested;
    private Task _poll = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        _timer = time.CreateTimer(_ => StartPoll(), null, _options.PollInterval, _options.PollInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        await _stopping.CancelAsync();
        await _poll.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _stopping.Dispose();
    }

    public async Task<GrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}' of {grainId}: the due time is negative; give 0 or more.");
        }

        var first = DateTimeOffset.FromUnixTimeMilliseconds((time.GetUtcNow() + dueTime).ToUnixTimeMilliseconds());
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = reminderName, StartAt = first, Period = period, DueTime = first };
        await table.UpsertRowAsync(entry);
        return new GrainReminder(reminderName, period, first);
    }

    public async Task<bool> UnregisterReminder(GrainId grainId, string reminderName)
    {
        for (var attempt = 0; attempt < RemoveAttempts; attempt++)
        {
            if (await table.ReadRowAsync(grainId, reminderName) is not { } row)
            {
                return false;
            }

            if (await table.RemoveRowAsync(grainId, reminderName, row.ETag!))
            {
                return true;
            }
        }

        throw new ClusterTableException($"Reminder '{reminderName}' of {grainId} changed under {RemoveAttempts} attempts to remove it; try again.");
    }

    public async Task<IReadOnlyList<GrainReminder>> GetReminders(GrainId grainId) =>
        [.. (await table.ReadRowsAsync(grainId)).Select(r => new GrainReminder(r.ReminderName, r.Period, r.DueTime))];

    /// <summary>
    /// Asks for a poll without blocking the timer's thread: starts one, or, while one runs, makes it poll once more when
    /// done, so a tick that came due during a slow poll waits for no further timer.
    /// </summary>
    private void StartPoll()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _polling, 1, 0) == 0)
        {
            _poll = Task.Run(PollWhileRequestedAsync);
        }
    }

    private async Task PollWhileRequestedAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _requested, 0) == 1 && !_stopping.IsCancellationRequested)
            {
                await PollOnceAsync();
            }

            Volatile.Write(ref _polling, 0);

            // A request between the last check and the line above found a poll running and left it to this loop.
            if (Volatile.Read(ref _requested) == 0 || Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task PollOnceAsync()
    {
        try
        {
            var claimed = await table.ClaimDueAsync(localSilo.SiloAddress, time.GetUtcNow(), _options.LeaseDuration, _options.MaxTicksPerPoll);
            await Task.WhenAll(claimed.Select(DeliverAsync));
        }
        catch (Exception ex) // a store outage must not stop the timer: the next poll tries again
        {
            LogPollFailed(logger, ex, _options.PollInterval);
        }
    }

    private async Task DeliverAsync(ReminderEntry claimed)
    {
        var status = TickStatus.For(claimed.ReminderName, claimed.StartAt, claimed.Period, claimed.DueTime);
        metrics?.Tick(claimed.DueTime, time.GetUtcNow());
        try
        {
            await delivery.DeliverAsync(claimed.GrainId, claimed.ReminderName, status);
        }
        catch (Exception ex) // whatever the grain threw, the tick stays leased and is delivered again once the lease lapses
        {
            LogDeliveryFailed(logger, ex, status.TickId, claimed.GrainId, _options.LeaseDuration);
            return;
        }

        if (!await table.CompleteTickAsync(claimed, claimed.ETag!, claimed.NextDueAfter(time.GetUtcNow())))
        {
            LogClaimLost(logger, status.TickId, claimed.GrainId);
        }
    }

    [LoggerMessage(6001, LogLevel.Warning, "Could not claim due reminders; trying again in {Interval}")]
    private static partial void LogPollFailed(ILogger logger, Exception error, TimeSpan interval);

    [LoggerMessage(6002, LogLevel.Warning, "Reminder tick {TickId} of {GrainId} failed; it is delivered again once its lease lapses in {Lease}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception error, string tickId, GrainId grainId, TimeSpan lease);

    [LoggerMessage(6003, LogLevel.Information, "Reminder tick {TickId} of {GrainId} was delivered after its claim was lost (lease lapsed, or the reminder changed); the table keeps the newer state")]
    private static partial void LogClaimLost(ILogger logger, string tickId, GrainId grainId);
}
