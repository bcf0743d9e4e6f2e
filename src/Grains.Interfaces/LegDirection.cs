namespace OrleansBank.Grains;

/// <summary>Which side of a transfer an account's leg is.</summary>
public enum LegDirection
{
    /// <summary>Money out of this account.</summary>
    Debit,

    /// <summary>Money into this account.</summary>
    Credit,
}
