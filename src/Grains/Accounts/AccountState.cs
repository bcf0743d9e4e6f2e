namespace OrleansBank.Grains;

/// <summary>An account as its events leave it: balance, ledger, and every operation id seen.</summary>
/// <remarks>Only <see cref="Apply"/> changes it, both for new events and when an activation replays the stored log.</remarks>
public sealed class AccountState
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<string, OperationRecord> _operations = [];
    private readonly Dictionary<string, TransferLeg> _legs = [];

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

    /// <summary>Transfer legs still pending, in the order they were recorded.</summary>
    public IEnumerable<TransferLeg> PendingLegs => _legs.Values.Where(l => l.State == LegState.Pending);

    /// <summary>Whether any transfer leg is still pending here.</summary>
    public bool HasPendingLegs => PendingDebits > 0m || PendingCredits > 0m;

    /// <summary>This account's leg of a transfer, if it has one.</summary>
    public TransferLeg? FindLeg(string transferId) => _legs.GetValueOrDefault(transferId);

    /// <summary>Applied changes, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>The first outcome of an operation id, if it was seen.</summary>
    public OperationRecord? Find(string operationId) => _operations.GetValueOrDefault(operationId);

    /// <summary>Applies one event; the same events in the same order always give the same state.</summary>
    public void Apply(AccountEvent e)
    {
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
                _legs[e.OperationId] = new TransferLeg(e.OperationId, LegDirection.Debit, e.Amount, e.Counterparty ?? "", LegState.Pending);
                PendingDebits += e.Amount;
                break;
            case AccountEventKind.DebitDeclined:
                _legs[e.OperationId] = new TransferLeg(e.OperationId, LegDirection.Debit, e.Amount, e.Counterparty ?? "", LegState.Declined, e.DeclineReason);
                break;
            case AccountEventKind.CreditPending:
                _legs[e.OperationId] = new TransferLeg(e.OperationId, LegDirection.Credit, e.Amount, e.Counterparty ?? "", LegState.Pending);
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
    }

    private void Post(AccountEvent e, LedgerEntryKind kind, decimal balanceAfter)
    {
        Balance = balanceAfter;
        _ledger.Add(new LedgerEntry(_ledger.Count + 1, e.OperationId, kind, e.Amount, balanceAfter, e.Timestamp));
    }

    private void PostLeg(AccountEvent e)
    {
        var leg = _legs[e.OperationId];
        _legs[e.OperationId] = leg with { State = LegState.Posted };
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
        _ledger.Add(new LedgerEntry(_ledger.Count + 1, e.OperationId, kind, leg.Amount, Balance, e.Timestamp, leg.TransferId, leg.Counterparty));
    }

    /// <summary>A void for an unknown transfer leaves a tombstone of amount 0, so a late reserve under that id is refused.</summary>
    private void VoidLeg(AccountEvent e)
    {
        if (_legs.GetValueOrDefault(e.OperationId) is not { } leg)
        {
            _legs[e.OperationId] = new TransferLeg(e.OperationId, LegDirection.Debit, 0m, "", LegState.Voided);
            return;
        }

        _legs[e.OperationId] = leg with { State = LegState.Voided };
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
        _operations[e.OperationId] = new OperationRecord(kind, e.Amount, approved, Balance, e.DeclineReason, owner);
}
