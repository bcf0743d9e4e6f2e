namespace OrleansBank.Grains;

/// <summary>An account as its events leave it: balance, ledger, and every operation id seen.</summary>
/// <remarks>Only <see cref="Apply"/> changes it, both for new events and when an activation replays the stored log.</remarks>
public sealed class AccountState
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<string, OperationRecord> _operations = [];

    /// <summary>Who the account belongs to.</summary>
    public string Owner { get; private set; } = "";

    /// <summary>Where the account is in its life.</summary>
    public AccountStatus Status { get; private set; }

    /// <summary>The balance; never below zero.</summary>
    public decimal Balance { get; private set; }

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
            default:
                throw new InvalidOperationException($"Unknown account event kind {e.Kind} in operation {e.OperationId}.");
        }
    }

    private void Post(AccountEvent e, LedgerEntryKind kind, decimal balanceAfter)
    {
        Balance = balanceAfter;
        _ledger.Add(new LedgerEntry(_ledger.Count + 1, e.OperationId, kind, e.Amount, balanceAfter, e.Timestamp));
    }

    private void Remember(AccountEvent e, OperationKind kind, bool approved, string? owner = null) =>
        _operations[e.OperationId] = new OperationRecord(kind, e.Amount, approved, Balance, e.DeclineReason, owner);
}
