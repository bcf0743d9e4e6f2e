using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>One change to an account, as appended to its log.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="OperationId">The idempotency key it was made under.</param>
/// <param name="Amount">The amount asked for, or paid out on closing.</param>
/// <param name="Timestamp">When it was decided.</param>
/// <param name="Owner">For <see cref="AccountEventKind.Opened"/>: whose account.</param>
/// <param name="DeclineReason">For <see cref="AccountEventKind.WithdrawalDeclined"/> and <see cref="AccountEventKind.DebitDeclined"/>: why.</param>
/// <param name="Counterparty">For a transfer's reserve or pending credit: the other account.</param>
public sealed record AccountEvent(
    AccountEventKind Kind,
    string OperationId,
    decimal Amount,
    DateTimeOffset Timestamp,
    string? Owner = null,
    string? DeclineReason = null,
    string? Counterparty = null) : IKeyedEvent
{
    /// <summary>The log indexes every event by its operation id (a transfer's steps: the transfer id), so old ones are found without memory.</summary>
    string? IKeyedEvent.EventKey => OperationId;
}
