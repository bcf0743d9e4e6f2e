namespace OrleansBank.Grains;

/// <summary>Where one leg of a transfer is on its account.</summary>
public enum LegState
{
    /// <summary>Reserved (debit) or announced (credit); the balance is not changed yet.</summary>
    Pending,

    /// <summary>Applied to the balance, with a ledger entry.</summary>
    Posted,

    /// <summary>Cancelled; the balance never changed.</summary>
    Voided,

    /// <summary>A debit refused for insufficient available funds; nothing was reserved.</summary>
    Declined,
}
