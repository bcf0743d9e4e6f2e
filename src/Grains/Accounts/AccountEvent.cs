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
}

/// <summary>One change to an account, as appended to its log.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="OperationId">The idempotency key it was made under.</param>
/// <param name="Amount">The amount asked for, or paid out on closing.</param>
/// <param name="Timestamp">When it was decided.</param>
/// <param name="Owner">For <see cref="AccountEventKind.Opened"/>: whose account.</param>
/// <param name="DeclineReason">For <see cref="AccountEventKind.WithdrawalDeclined"/>: why.</param>
public sealed record AccountEvent(
    AccountEventKind Kind,
    string OperationId,
    decimal Amount,
    DateTimeOffset Timestamp,
    string? Owner = null,
    string? DeclineReason = null);
