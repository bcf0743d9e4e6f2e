using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A transfer, two-phase on its accounts. Its own log holds the request, the decision and the completion; the steps
/// between them are idempotent on the accounts by transfer id, so after a crash it starts again from the last step
/// recorded and repeats the calls since, which change nothing the second time.
/// </summary>
/// <remarks>
/// The turn holds through every await, so concurrent sends of one transfer id run one after the other: the first
/// moves the money, the others find it recorded. On a silo with a reminder service a transfer registers its reminder
/// <see cref="ResumeReminder"/> before it records the request and removes it once completed, so a transfer stopped
/// anywhere by a crash is resumed by the reminder's next tick, on whichever silo is alive.
/// </remarks>
[GrainType(GrainTypeName)]
public sealed partial class TransferGrain(
    [PersistentLog("transfer")] IPersistentLog<TransferEvent> log,
    TimeProvider time,
    ITransferProbe? probe = null,
    IReminderRegistry? reminders = null,
    IOptions<TransferOptions>? options = null,
    ILogger<TransferGrain>? logger = null,
    IMeterFactory? meters = null) : Grain, ITransferGrain, IRemindable
{
    /// <summary>The grain type of transfers, which their stored records are filed under.</summary>
    public const string GrainTypeName = "transfer";

    /// <summary>The name of the reminder that drives an unfinished transfer to its end.</summary>
    public const string ResumeReminder = "resume";

    private readonly TransferOptions _options = options?.Value ?? new TransferOptions();

    private readonly TransferState _state = new();

    private readonly TransferMetrics? _metrics = meters is null ? null : TransferMetrics.For(meters, time);

    private string TransferId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Replay(_state.Apply);
        if (_state.Step is TransferStep.Requested or TransferStep.Decided)
        {
            _metrics?.InFlight(TransferId, _state.RequestedAt);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Pending here counts transfers whose grain is active on this silo: one leaving is another silo's to count.
        _metrics?.Gone(TransferId);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<TransferResult> Transfer(string from, string to, decimal amount)
    {
        try
        {
            OperationIds.Validate(TransferId, "transferId");
            AccountIds.Validate(from, nameof(from));
            AccountIds.Validate(to, nameof(to));
            Amounts.Validate(amount);
            if (string.Equals(from, to, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A transfer needs two accounts: '{from}' cannot transfer to itself.", nameof(to));
            }
        }
        catch (ArgumentException)
        {
            LetGoIfNothingRecorded();
            throw;
        }

        if (_state.Step != TransferStep.None)
        {
            if (_state.From != from || _state.To != to || _state.Amount != amount)
            {
                throw new OperationIdConflictException(TransferId, Describe(_state.From, _state.To, _state.Amount), Describe(from, to, amount));
            }

            return await Drive(replayed: _state.Step == TransferStep.Completed);
        }

        try
        {
            await TransferAccounts.EnsureOpenAsync(GrainFactory, from);
            await TransferAccounts.EnsureOpenAsync(GrainFactory, to);
        }
        catch (AccountException)
        {
            LetGoIfNothingRecorded();
            throw;
        }

        // Before the request is durable: a crash between the two leaves a reminder that finds nothing and goes away,
        // never a request that nothing resumes.
        await ArmResume();
        await Record(new TransferEvent(TransferEventKind.Requested, time.GetUtcNow(), from, to, amount));
        _metrics?.InFlight(TransferId, _state.RequestedAt);
        await Reached(TransferPoint.Requested);
        return await Drive(replayed: false);
    }

    /// <inheritdoc/>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        // A failure here leaves the reminder, so the next tick (or a redelivery of this one) tries again.
        await ResumeAsync();
        if (_state.Step is TransferStep.None or TransferStep.Completed)
        {
            await DisarmResume();
        }
    }

    /// <inheritdoc/>
    public Task<TransferRecord> GetStatus()
    {
        LetGoIfNothingRecorded();
        var result = _state.Step == TransferStep.Completed ? Result(replayed: false) : null;
        return Task.FromResult(new TransferRecord(TransferId, _state.Step, _state.From, _state.To, _state.Amount, _state.Decision, _state.Reason, result));
    }

    /// <inheritdoc/>
    public async Task<TransferResult?> ResumeAsync()
    {
        if (_state.Step == TransferStep.None)
        {
            LetGoIfNothingRecorded();
            return null;
        }

        return await Drive(replayed: _state.Step == TransferStep.Completed);
    }

    /// <summary>Takes the transfer from its recorded step to its end; every call it makes is idempotent on the account.</summary>
    private async Task<TransferResult> Drive(bool replayed)
    {
        var from = GrainFactory.GetGrain<ITransferLegs>(_state.From);
        var to = GrainFactory.GetGrain<ITransferLegs>(_state.To);
        if (_state.Step == TransferStep.Requested)
        {
            var reason = await Prepare(from, to);
            var decision = reason is null ? TransferStatus.Posted : TransferStatus.Declined;
            await Record(new TransferEvent(TransferEventKind.Decided, time.GetUtcNow(), Decision: decision, Reason: reason));
            _metrics?.Decided(decision);
            await Reached(TransferPoint.Decided);
        }

        if (_state.Step == TransferStep.Decided)
        {
            var post = _state.Decision == TransferStatus.Posted;
            var debit = post ? await from.PostLeg(TransferId) : await from.VoidLeg(TransferId);
            await Reached(TransferPoint.DebitSettled);
            var credit = post ? await to.PostLeg(TransferId) : await to.VoidLeg(TransferId);
            await Reached(TransferPoint.CreditSettled);
            await Record(new TransferEvent(TransferEventKind.Completed, time.GetUtcNow(), FromBalance: debit.Balance, ToBalance: credit.Balance));
            _metrics?.Gone(TransferId);
            await DisarmResume();
        }

        return Result(replayed);
    }

    /// <summary>Reserves the debit and announces the credit; returns null when both stand, else why the transfer is declined.</summary>
    /// <remarks>An account that closed since the request was recorded declines the transfer: the decision is not yet made.</remarks>
    private async Task<string?> Prepare(ITransferLegs from, ITransferLegs to)
    {
        string? reason = null;
        LegResult? debit = null;
        try
        {
            debit = await from.ReserveDebit(TransferId, _state.Amount, _state.To);
            if (debit.Leg.State != LegState.Pending)
            {
                reason = debit.Leg.Reason ?? $"The debit of transfer '{TransferId}' was voided before it was reserved.";
            }
        }
        catch (AccountException e) when (e is not OperationIdConflictException)
        {
            reason = e.Message;
        }

        await Reached(TransferPoint.DebitReserved);
        if (reason is null)
        {
            try
            {
                await to.RecordPendingCredit(TransferId, _state.Amount, _state.From);
            }
            catch (AccountException e) when (e is not OperationIdConflictException)
            {
                reason = e.Message;
            }
        }

        await Reached(TransferPoint.CreditRecorded);
        return reason;
    }


    /// <summary>Appends, applies, and waits until the event is durable: the next step must not run on an unrecorded one.</summary>
    private async Task Record(TransferEvent e)
    {
        var durable = log.Append(e);
        _state.Apply(e);
        await durable;
    }

    private async Task ArmResume()
    {
        if (reminders is not null)
        {
            await reminders.RegisterOrUpdateReminder(GrainId, ResumeReminder, _options.ResumeDueTime, _options.ResumePeriod);
        }
    }

    /// <remarks>
    /// The transfer is complete and stored before this runs: a reminder table that fails now must not turn that outcome
    /// into an error. The reminder stays, and its next tick finds the transfer complete and removes it again.
    /// </remarks>
    private async Task DisarmResume()
    {
        if (reminders is null)
        {
            return;
        }

        try
        {
            await reminders.UnregisterReminder(GrainId, ResumeReminder);
        }
        catch (Exception ex)
        {
            if (logger is not null)
            {
                LogResumeNotRemoved(logger, ex, TransferId);
            }
        }
    }

    private Task Reached(TransferPoint point) => probe?.Reached(TransferId, point) ?? Task.CompletedTask;

    private TransferResult Result(bool replayed) =>
        new(TransferId, _state.From, _state.To, _state.Amount, _state.Decision ?? TransferStatus.Declined, _state.Reason, _state.FromBalance, _state.ToBalance, replayed);

    /// <summary>A refused request for an id with no record leaves nothing worth keeping in memory.</summary>
    private void LetGoIfNothingRecorded()
    {
        if (_state.Step == TransferStep.None)
        {
            DeactivateOnIdle();
        }
    }

    private static string Describe(string from, string to, decimal amount) => $"transfer {amount} from '{from}' to '{to}'";

    [LoggerMessage(9101, LogLevel.Warning, "Transfer {TransferId} is complete, but its resume reminder could not be removed; its next tick will remove it")]
    private static partial void LogResumeNotRemoved(ILogger logger, Exception exception, string transferId);
}
