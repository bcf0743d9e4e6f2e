namespace OrleansBank.Grains;

/// <summary>An account's identity and balance.</summary>
public sealed record AccountSummary(string AccountId, string Owner, AccountStatus Status, decimal Balance);

/// <summary>A deposit that was applied.</summary>
public sealed record DepositResult(string OperationId, decimal Amount, decimal Balance);

/// <summary>The outcome of a withdrawal: approved, or declined with the reason.</summary>
public sealed record WithdrawResult(string OperationId, decimal Amount, bool Approved, decimal Balance, string? DeclineReason);

/// <summary>The amount paid out on closing.</summary>
public sealed record CloseResult(string OperationId, decimal PaidOut);

/// <summary>An account's details and ledger, oldest entry first.</summary>
public sealed record Statement(string AccountId, string Owner, AccountStatus Status, decimal Balance, IReadOnlyList<LedgerEntry> Entries);
