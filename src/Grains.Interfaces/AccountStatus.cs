namespace OrleansBank.Grains;

/// <summary>Where an account is in its life.</summary>
public enum AccountStatus
{
    /// <summary>Never opened.</summary>
    NotOpened,

    /// <summary>Open for business.</summary>
    Open,

    /// <summary>Closed; only reads are allowed.</summary>
    Closed,
}
