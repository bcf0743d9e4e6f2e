namespace OrleansBank.Grains;

/// <summary>An account's identity and balance; from <see cref="IAccountGrain.Open"/>, also the operation id it ran under.</summary>
public sealed record AccountSummary(string AccountId, string Owner, AccountStatus Status, decimal Balance, string? OperationId = null);

/// <summary>A deposit that was applied; <paramref name="Replayed"/> when this is the first result of a repeated operation id.</summary>
public sealed record DepositResult(string OperationId, decimal Amount, decimal Balance, bool Replayed = false);

/// <summary>
/// The outcome of a withdrawal: approved, or declined with the reason. <paramref name="Replayed"/> when this is the
/// first result of a repeated operation id, returned again: this call changed nothing.
/// </summary>
public sealed record WithdrawResult(string OperationId, decimal Amount, bool Approved, decimal Balance, string? DeclineReason, bool Replayed = false);

/// <summary>The amount paid out on closing.</summary>
public sealed record CloseResult(string OperationId, decimal PaidOut);

/// <summary>An account's details and ledger, oldest entry first.</summary>
public sealed record Statement(string AccountId, string Owner, AccountStatus Status, decimal Balance, IReadOnlyList<LedgerEntry> Entries);
