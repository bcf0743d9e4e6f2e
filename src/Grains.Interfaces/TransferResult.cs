namespace OrleansBank.Grains;

/// <summary>
/// The outcome of a transfer. <paramref name="Replayed"/> when the transfer had finished before this call, which
/// returned that first outcome and changed nothing.
/// </summary>
/// <param name="TransferId">The transfer's id, its idempotency key.</param>
/// <param name="From">The debited account.</param>
/// <param name="To">The credited account.</param>
/// <param name="Amount">How much.</param>
/// <param name="Status">Posted or declined.</param>
/// <param name="Reason">Why it was declined; null when posted.</param>
/// <param name="FromBalance">The debited account's balance once the transfer settled there.</param>
/// <param name="ToBalance">The credited account's balance once the transfer settled there.</param>
/// <param name="Replayed">True when this is the first outcome returned again.</param>
public sealed record TransferResult(
    string TransferId,
    string From,
    string To,
    decimal Amount,
    TransferStatus Status,
    string? Reason,
    decimal FromBalance,
    decimal ToBalance,
    bool Replayed = false);
