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

    /// <summary>Money out by a posted transfer to <see cref="LedgerEntry.Counterparty"/>.</summary>
    TransferOut,

    /// <summary>Money in by a posted transfer from <see cref="LedgerEntry.Counterparty"/>.</summary>
    TransferIn,
}
