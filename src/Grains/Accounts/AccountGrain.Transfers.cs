namespace OrleansBank.Grains;

/// <summary>The account's legs of two-phase transfers: each step is an event in the account's log.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc/>
    public async Task<LegResult> ReserveDebit(string transferId, decimal amount, string counterparty)
    {
        LetGoIfNeverOpened();
        OperationIds.Validate(transferId, nameof(transferId));
        Amounts.Validate(amount);
        if (await RepeatedLeg(transferId, LegDirection.Debit, amount) is { } earlier)
        {
            return earlier;
        }

        EnsureOpen();
        if (amount > _state.Available)
        {
            var reason = $"Insufficient funds: the available balance of '{AccountId}' is {Amounts.Format(_state.Available)}, the transfer was {Amounts.Format(amount)}.";
            Record(AccountEventKind.DebitDeclined, transferId, amount, declineReason: reason, counterparty: counterparty);
        }
        else
        {
            Record(AccountEventKind.DebitReserved, transferId, amount, counterparty: counterparty);
        }

        return Leg(transferId);
    }

    /// <inheritdoc/>
    public async Task<LegResult> RecordPendingCredit(string transferId, decimal amount, string counterparty)
    {
        LetGoIfNeverOpened();
        OperationIds.Validate(transferId, nameof(transferId));
        Amounts.Validate(amount);
        if (await RepeatedLeg(transferId, LegDirection.Credit, amount) is { } earlier)
        {
            return earlier;
        }

        EnsureOpen();
        Record(AccountEventKind.CreditPending, transferId, amount, counterparty: counterparty);
        return Leg(transferId);
    }

    /// <inheritdoc/>
    public async Task<LegResult> PostLeg(string transferId)
    {
        EnsureOpened();
        OperationIds.Validate(transferId, nameof(transferId));
        var leg = await _history.FindLegAsync(_state, transferId)
            ?? throw new AccountException($"Account '{AccountId}' has no leg of transfer '{transferId}' to post.");
        switch (leg.State)
        {
            case LegState.Posted:
                return Leg(leg, replayed: true);
            case LegState.Voided or LegState.Declined:
                throw new AccountException($"The leg of transfer '{transferId}' on account '{AccountId}' is {leg.State.ToString().ToLowerInvariant()}: it cannot be posted.");
        }

        Record(AccountEventKind.LegPosted, transferId, leg.Amount);
        return Leg(transferId);
    }

    /// <inheritdoc/>
    public async Task<LegResult> VoidLeg(string transferId)
    {
        EnsureOpened();
        OperationIds.Validate(transferId, nameof(transferId));
        var leg = await _history.FindLegAsync(_state, transferId);
        switch (leg?.State)
        {
            case LegState.Voided or LegState.Declined:
                return Leg(leg, replayed: true);
            case LegState.Posted:
                throw new AccountException($"The leg of transfer '{transferId}' on account '{AccountId}' is posted: it cannot be voided.");
        }

        Record(AccountEventKind.LegVoided, transferId, 0m);
        return Leg(transferId);
    }

    /// <inheritdoc/>
    public Task<AccountStatus> GetAccountStatus()
    {
        LetGoIfNeverOpened();
        return Task.FromResult(_state.Status);
    }

    /// <inheritdoc/>
    public Task<decimal> GetAvailableBalance()
    {
        EnsureOpened();
        return Task.FromResult(_state.Available);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TransferLeg>> GetPendingLegs()
    {
        EnsureOpened();
        return Task.FromResult<IReadOnlyList<TransferLeg>>([.. _state.PendingLegs]);
    }

    /// <summary>The leg as it stands when the same step of the same transfer comes again; a conflict when the id names another leg.</summary>
    private async Task<LegResult?> RepeatedLeg(string transferId, LegDirection direction, decimal amount)
    {
        if (await _history.FindLegAsync(_state, transferId) is not { } leg)
        {
            return null;
        }

        // A tombstone answers any late step of its transfer: that transfer was voided before the step arrived.
        if (leg.Amount == 0m || (leg.Direction == direction && leg.Amount == amount))
        {
            return Leg(leg, replayed: true);
        }

        throw new OperationIdConflictException(
            transferId,
            $"a transfer {leg.Direction.ToString().ToLowerInvariant()} of {leg.Amount}",
            $"a transfer {direction.ToString().ToLowerInvariant()} of {amount}");
    }

    private LegResult Leg(string transferId) => Leg(_state.FindLeg(transferId)!, replayed: false);

    /// <summary>A leg as found, possibly in the log rather than in memory, with the balances as they are now.</summary>
    private LegResult Leg(TransferLeg leg, bool replayed) => new(leg, _state.Balance, _state.Available, replayed);
}
