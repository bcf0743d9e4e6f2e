namespace OrleansBank.Grains;

/// <summary>An account's state as its log stores it in a snapshot: the bounded window, never the whole history.</summary>
/// <remarks>Lists are oldest first; the order of operations and finished legs is the order they leave the window in.</remarks>
public sealed record AccountSnapshot
{
    /// <summary>The log version the snapshot stands at.</summary>
    public long Version { get; init; }

    /// <summary>See <see cref="AccountState.Owner"/>.</summary>
    public string Owner { get; init; } = "";

    /// <summary>See <see cref="AccountState.Status"/>.</summary>
    public AccountStatus Status { get; init; }

    /// <summary>See <see cref="AccountState.Balance"/>.</summary>
    public decimal Balance { get; init; }

    /// <summary>See <see cref="AccountState.PendingDebits"/>.</summary>
    public decimal PendingDebits { get; init; }

    /// <summary>See <see cref="AccountState.PendingCredits"/>.</summary>
    public decimal PendingCredits { get; init; }

    /// <summary>See <see cref="AccountState.LedgerCount"/>.</summary>
    public long LedgerCount { get; init; }

    /// <summary>See <see cref="AccountState.ForgetsOperations"/>.</summary>
    public bool ForgetsOperations { get; init; }

    /// <summary>See <see cref="AccountState.ForgetsLegs"/>.</summary>
    public bool ForgetsLegs { get; init; }

    /// <summary>The recent ledger entries.</summary>
    public List<LedgerEntry> Ledger { get; init; } = [];

    /// <summary>The operation ids in the window with their first outcome.</summary>
    public List<KeyValuePair<string, OperationRecord>> Operations { get; init; } = [];

    /// <summary>The legs in memory, in the order they were recorded.</summary>
    public List<TransferLeg> Legs { get; init; } = [];

    /// <summary>The finished legs in the order they leave the window.</summary>
    public List<string> FinishedLegOrder { get; init; } = [];

    /// <summary>See <see cref="AccountState.Checkpoints"/>.</summary>
    public List<AccountCheckpoint> Checkpoints { get; init; } = [];
}
