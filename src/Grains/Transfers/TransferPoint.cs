namespace OrleansBank.Grains;

/// <summary>The points between the steps of a transfer, where a crash may stop it; tests hook in here.</summary>
public enum TransferPoint
{
    /// <summary>The request is durable.</summary>
    Requested,

    /// <summary>The debit account answered the reserve.</summary>
    DebitReserved,

    /// <summary>The credit account recorded the pending credit (or was skipped after a declined debit).</summary>
    CreditRecorded,

    /// <summary>The decision is durable.</summary>
    Decided,

    /// <summary>The debit leg is posted or voided.</summary>
    DebitSettled,

    /// <summary>The credit leg is posted or voided.</summary>
    CreditSettled,
}
