namespace OrleansBank.Grains;

/// <summary>
/// An account as its events leave it: balance, pending legs, and a bounded window of its recent history (ledger
/// entries, operation ids, finished transfer legs). What falls out of the window stays in the log, where the grain
/// finds it by key or by replaying from a checkpoint.
/// </summary>
/// <remarks>Only <see cref="Apply"/> changes it, both for new events and when an activation replays the stored log.</remarks>
public sealed partial class AccountState
{
    /// <summary>An account that keeps its whole history in memory (a window without end).</summary>
    public AccountState()
        : this(int.MaxValue)
    {
    }

    /// <summary>An account that keeps the last <paramref name="recentWindow"/> entries, operations and finished legs in memory.</summary>
    public AccountState(int recentWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recentWindow, 1);
        RecentWindow = recentWindow;
    }

    /// <summary>Who the account belongs to.</summary>
    public string Owner { get; private set; } = "";

    /// <summary>Where the account is in its life.</summary>
    public AccountStatus Status { get; private set; }

    /// <summary>The balance; never below zero.</summary>
    public decimal Balance { get; private set; }

    /// <summary>The sum of reserved, not yet posted or voided, transfer debits.</summary>
    public decimal PendingDebits { get; private set; }

    /// <summary>The sum of announced, not yet posted or voided, transfer credits.</summary>
    public decimal PendingCredits { get; private set; }

    /// <summary>What a withdrawal or a new debit may take: the balance less pending debits.</summary>
    public decimal Available => Balance - PendingDebits;

    /// <summary>How many events have been applied: the log version this state stands at.</summary>
    public long Version { get; private set; }

    /// <summary>Applies one event; the same events in the same order always give the same state.</summary>
    public void Apply(AccountEvent e)
    {
        Version++;
        switch (e.Kind)
        {
            case AccountEventKind.Opened:
                Owner = e.Owner ?? "";
                Status = AccountStatus.Open;
                if (e.Amount > 0m)
                {
                    Post(e, LedgerEntryKind.Deposit, Balance + e.Amount);
                }

                Remember(e, OperationKind.Open, approved: true, owner: Owner);
                break;
            case AccountEventKind.Deposited:
                Post(e, LedgerEntryKind.Deposit, Balance + e.Amount);
                Remember(e, OperationKind.Deposit, approved: true);
                break;
            case AccountEventKind.Withdrawn:
                Post(e, LedgerEntryKind.Withdrawal, Balance - e.Amount);
                Remember(e, OperationKind.Withdraw, approved: true);
                break;
            case AccountEventKind.WithdrawalDeclined:
                Remember(e, OperationKind.Withdraw, approved: false);
                break;
            case AccountEventKind.Closed:
                if (e.Amount > 0m)
                {
                    Post(e, LedgerEntryKind.Closing, 0m);
                }

                Status = AccountStatus.Closed;
                Remember(e, OperationKind.Close, approved: true);
                break;
            case AccountEventKind.DebitReserved:
                PutLeg(new TransferLeg(e.OperationId, LegDirection.Debit, e.Amount, e.Counterparty ?? "", LegState.Pending));
                PendingDebits += e.Amount;
                break;
            case AccountEventKind.DebitDeclined:
                PutLeg(new TransferLeg(e.OperationId, LegDirection.Debit, e.Amount, e.Counterparty ?? "", LegState.Declined, e.DeclineReason));
                break;
            case AccountEventKind.CreditPending:
                PutLeg(new TransferLeg(e.OperationId, LegDirection.Credit, e.Amount, e.Counterparty ?? "", LegState.Pending));
                PendingCredits += e.Amount;
                break;
            case AccountEventKind.LegPosted:
                PostLeg(e);
                break;
            case AccountEventKind.LegVoided:
                VoidLeg(e);
                break;
            default:
                throw new InvalidOperationException($"Unknown account event kind {e.Kind} in operation {e.OperationId}.");
        }

        if (Version % RecentWindow == 0)
        {
            _checkpoints.Add(new AccountCheckpoint(Version, LedgerCount, Balance));
            if (_checkpoints.Count > MaxCheckpoints)
            {
                ThinOlderCheckpoints();
            }
        }
    }

    /// <summary>
    /// Keeps the checkpoints bounded (they ride in every snapshot): the older half keeps every other one, so the
    /// spacing grows with age while recent history stays dense. An old lookup replays further; memory stays flat.
    /// </summary>
    private void ThinOlderCheckpoints()
    {
        var half = _checkpoints.Count / 2;
        var kept = 0;
        for (var i = 0; i < half; i += 2)
        {
            _checkpoints[kept++] = _checkpoints[i];
        }

        _checkpoints.RemoveRange(kept, half - kept);
    }

    private void Post(AccountEvent e, LedgerEntryKind kind, decimal balanceAfter)
    {
        Balance = balanceAfter;
        AddEntry(new LedgerEntry(LedgerCount + 1, e.OperationId, kind, e.Amount, balanceAfter, e.Timestamp));
    }

    private void PostLeg(AccountEvent e)
    {
        var leg = FindLeg(e.OperationId)
            ?? throw new InvalidOperationException($"Account event {Version} posts the leg of transfer '{e.OperationId}', which this state does not hold.");
        PutLeg(leg with { State = LegState.Posted });
        if (leg.Direction == LegDirection.Debit)
        {
            PendingDebits -= leg.Amount;
            Balance -= leg.Amount;
        }
        else
        {
            PendingCredits -= leg.Amount;
            Balance += leg.Amount;
        }

        var kind = leg.Direction == LegDirection.Debit ? LedgerEntryKind.TransferOut : LedgerEntryKind.TransferIn;
        AddEntry(new LedgerEntry(LedgerCount + 1, e.OperationId, kind, leg.Amount, Balance, e.Timestamp, leg.TransferId, leg.Counterparty));
    }

    /// <summary>A void for an unknown transfer leaves a tombstone of amount 0, so a late reserve under that id is refused.</summary>
    private void VoidLeg(AccountEvent e)
    {
        if (FindLeg(e.OperationId) is not { } leg)
        {
            PutLeg(new TransferLeg(e.OperationId, LegDirection.Debit, 0m, "", LegState.Voided));
            return;
        }

        PutLeg(leg with { State = LegState.Voided });
        if (leg.Direction == LegDirection.Debit)
        {
            PendingDebits -= leg.Amount;
        }
        else
        {
            PendingCredits -= leg.Amount;
        }
    }

    private void Remember(AccountEvent e, OperationKind kind, bool approved, string? owner = null) =>
        AddOperation(e.OperationId, new OperationRecord(kind, e.Amount, approved, Balance, e.DeclineReason, owner));
}
