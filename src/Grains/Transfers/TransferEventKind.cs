namespace OrleansBank.Grains;

/// <summary>What a transfer recorded; the stored log of these is the transfer.</summary>
public enum TransferEventKind
{
    /// <summary>The request: from, to and amount.</summary>
    Requested,

    /// <summary>Post or void, with the reason for a void: the commit point.</summary>
    Decided,

    /// <summary>Both legs settled, with the balances they left.</summary>
    Completed,
}
