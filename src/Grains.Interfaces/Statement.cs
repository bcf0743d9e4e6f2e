namespace OrleansBank.Grains;

/// <summary>An account's details and ledger, oldest entry first.</summary>
public sealed record Statement(string AccountId, string Owner, AccountStatus Status, decimal Balance, IReadOnlyList<LedgerEntry> Entries);
