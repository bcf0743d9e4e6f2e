namespace OrleansBank.Grains;

/// <summary>How a transfer ended.</summary>
public enum TransferStatus
{
    /// <summary>Both legs posted: the money moved.</summary>
    Posted,

    /// <summary>Both legs voided: no money moved; the reason says why.</summary>
    Declined,
}
