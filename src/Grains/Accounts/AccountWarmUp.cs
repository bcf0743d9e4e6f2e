using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Grains;

/// <summary>
/// Runs most of an account's cold path once as the silo starts, so the first account called after a restart or a
/// failover does not pay for it. That cost is the process's one-time work, not the account's: the JIT compiles over
/// a thousand methods, and the JSON serializer builds its contracts for the events and the snapshot. Paid on the first
/// call, it was about 100 ms (docs/BENCHMARKS.md, "The first call after a restart").
/// </summary>
/// <remarks>
/// It changes no account. It replays a made-up history of every kind of event through the stored form (JSON) and a
/// snapshot, in memory, then asks the account grain for the status of <see cref="AccountId"/>, an id no account can
/// be opened with (it breaks <see cref="AccountIds.Rule"/>): the activation reads the store, finds nothing, answers
/// NotOpened and is let go. That is one successful call in the metrics and, in a cluster, one directory entry made
/// and removed. In a cluster that activation is placed like any account, so it may warm another silo's activation
/// path rather than this one's; the in-memory replay is always local. A failure, or no answer within
/// <see cref="MaxWait"/>, only costs the first call its speed, so it is logged, not thrown.
/// </remarks>
internal sealed partial class AccountWarmUp(IGrainFactory grains, IOptions<AccountOptions> options, TimeProvider time, ILogger<AccountWarmUp> logger) : IStartupTask
{
    /// <summary>The account the warm-up activates: never opened, since '$' is not allowed in an account id.</summary>
    public const string AccountId = "$warm-up";

    /// <summary>How long the warm-up waits for its activation before it gives up (and the silo starts regardless).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public async Task Execute(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpAtStart)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            ReplayInMemory();
            // A store that does not answer must not hold the silo's readiness for a whole call timeout.
            await ActivateAsync().WaitAsync(MaxWait, time, cancellationToken);
            LogWarmedUp(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>Every kind of event, through the form the log stores it in, then the state through a snapshot.</summary>
    private void ReplayInMemory()
    {
        var now = time.GetUtcNow();
        AccountEvent[] history =
        [
            new(AccountEventKind.Opened, "open", 100m, now, Owner: "warm-up"),
            new(AccountEventKind.Deposited, "deposit", 10m, now),
            new(AccountEventKind.Withdrawn, "withdraw", 5m, now),
            new(AccountEventKind.WithdrawalDeclined, "declined", 500m, now, DeclineReason: "insufficient funds"),
            new(AccountEventKind.DebitReserved, "t1", 1m, now, Counterparty: "other"),
            new(AccountEventKind.LegPosted, "t1", 1m, now),
            new(AccountEventKind.CreditPending, "t2", 2m, now, Counterparty: "other"),
            new(AccountEventKind.LegVoided, "t2", 2m, now),
            new(AccountEventKind.DebitDeclined, "t3", 500m, now, DeclineReason: "insufficient funds", Counterparty: "other"),
            new(AccountEventKind.Closed, "close", 104m, now),
        ];
        var state = new AccountState(options.Value.RecentWindow);
        foreach (var stored in history)
        {
            state.Apply(GrainStateRecord.Deserialize<AccountEvent>(GrainStateRecord.Serialize(stored)));
        }

        var snapshot = GrainStateRecord.Deserialize<AccountSnapshot>(GrainStateRecord.Serialize(state.ToSnapshot()));
        var restored = AccountState.FromSnapshot(snapshot, options.Value.RecentWindow);
        if (restored.Balance != 0m || restored.Status != AccountStatus.Closed || restored.LedgerCount != 5)
        {
            throw new InvalidOperationException(
                $"The warm-up history came back from its snapshot with balance {restored.Balance}, status {restored.Status} and {restored.LedgerCount} ledger entries; expected 0, Closed and 5.");
        }
    }

    /// <summary>
    /// An activation of the account grain, which reads the snapshot and the log from the store and finds nothing, and a
    /// call that succeeds on an account never opened (an error would show in the call metrics), which lets it go.
    /// </summary>
    private async Task ActivateAsync()
    {
        var status = await grains.GetGrain<ITransferLegs>(AccountId).GetAccountStatus();
        if (status != AccountStatus.NotOpened)
        {
            throw new InvalidOperationException($"Account {AccountId}, an id no account can be opened with, is {status}.");
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Accounts warmed up in {Milliseconds} ms")]
    private static partial void LogWarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(2, LogLevel.Warning, "The accounts' warm-up failed; the first account calls will be slower")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
