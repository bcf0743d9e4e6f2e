using System.Text.Json.Serialization;

namespace OrleansBank.Grains;

/// <summary>One applied balance change.</summary>
/// <param name="Sequence">1, 2, 3… in the order the changes were applied.</param>
/// <param name="OperationId">The idempotency key of the change.</param>
/// <param name="Kind">What the change was.</param>
/// <param name="Amount">How much, always positive.</param>
/// <param name="BalanceAfter">The balance once the change was applied.</param>
/// <param name="Timestamp">When it was applied.</param>
/// <param name="TransferId">For a transfer entry: the transfer's id.</param>
/// <param name="Counterparty">For a transfer entry: the other account.</param>
/// <remarks>The transfer fields are left out of JSON when null, so other entries keep the shape they had.</remarks>
public sealed record LedgerEntry(
    long Sequence,
    string OperationId,
    LedgerEntryKind Kind,
    decimal Amount,
    decimal BalanceAfter,
    DateTimeOffset Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TransferId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Counterparty = null);
