namespace OrleansBank.Grains;

/// <summary>What a ledger entry records.</summary>
public enum LedgerEntryKind
{
    /// <summary>Money in.</summary>
    Deposit,

    /// <summary>Money out.</summary>
    Withdrawal,

    /// <summary>The balance paid out when the account closed.</summary>
    Closing,
}
