namespace OrleansBank.Grains;

/// <summary>The durable state of one account: balance, ledger, and every operation id seen.</summary>
public sealed class AccountState
{
    /// <summary>Who the account belongs to.</summary>
    public string Owner { get; set; } = "";

    /// <summary>Where the account is in its life.</summary>
    public AccountStatus Status { get; set; }

    /// <summary>The balance; never below zero.</summary>
    public decimal Balance { get; set; }

    /// <summary>Applied changes, oldest first.</summary>
    public List<LedgerEntry> Ledger { get; set; } = [];

    /// <summary>The first outcome of each operation id, so a repeat returns it instead of applying again.</summary>
    public Dictionary<string, OperationRecord> Operations { get; set; } = [];
}

/// <summary>What an operation id was used for, and what it returned.</summary>
/// <param name="Kind">open, deposit, withdraw or close.</param>
/// <param name="Amount">The amount asked for.</param>
/// <param name="Approved">False only for a declined withdrawal.</param>
/// <param name="BalanceAfter">The balance the operation left.</param>
/// <param name="DeclineReason">Why a withdrawal was declined.</param>
public sealed record OperationRecord(string Kind, decimal Amount, bool Approved, decimal BalanceAfter, string? DeclineReason);
