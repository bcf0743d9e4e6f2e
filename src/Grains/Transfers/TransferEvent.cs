namespace OrleansBank.Grains;

/// <summary>One step of a transfer, as appended to its log.</summary>
/// <param name="Kind">What was recorded.</param>
/// <param name="From">For <see cref="TransferEventKind.Requested"/>: the debited account.</param>
/// <param name="To">For <see cref="TransferEventKind.Requested"/>: the credited account.</param>
/// <param name="Amount">For <see cref="TransferEventKind.Requested"/>: how much.</param>
/// <param name="Decision">For <see cref="TransferEventKind.Decided"/>: post or void.</param>
/// <param name="Reason">For a void: why.</param>
/// <param name="FromBalance">For <see cref="TransferEventKind.Completed"/>: the debited account's balance after its leg settled.</param>
/// <param name="ToBalance">For <see cref="TransferEventKind.Completed"/>: the credited account's balance after its leg settled.</param>
/// <param name="Timestamp">When it was recorded.</param>
public sealed record TransferEvent(
    TransferEventKind Kind,
    DateTimeOffset Timestamp,
    string? From = null,
    string? To = null,
    decimal Amount = 0m,
    TransferStatus? Decision = null,
    string? Reason = null,
    decimal FromBalance = 0m,
    decimal ToBalance = 0m);
