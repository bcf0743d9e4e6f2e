namespace OrleansBank.Grains;

/// <summary>What happened to an account; the stored log of these is the account.</summary>
public enum AccountEventKind
{
    /// <summary>Opened, with an optional first deposit in <see cref="AccountEvent.Amount"/>.</summary>
    Opened,

    /// <summary>Money in.</summary>
    Deposited,

    /// <summary>Money out.</summary>
    Withdrawn,

    /// <summary>A withdrawal refused; stored so that repeating its operation id gives the same answer.</summary>
    WithdrawalDeclined,

    /// <summary>Closed; <see cref="AccountEvent.Amount"/> is the balance paid out.</summary>
    Closed,

    /// <summary>A transfer's debit reserved: <see cref="AccountEvent.OperationId"/> is the transfer id.</summary>
    DebitReserved,

    /// <summary>A transfer's debit declined for insufficient available funds, with the reason.</summary>
    DebitDeclined,

    /// <summary>A transfer's credit announced, not yet in the balance.</summary>
    CreditPending,

    /// <summary>A pending leg applied to the balance.</summary>
    LegPosted,

    /// <summary>A pending leg cancelled, or a tombstone for a transfer this account never saw.</summary>
    LegVoided,
}
