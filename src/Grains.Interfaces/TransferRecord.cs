namespace OrleansBank.Grains;

/// <summary>What a transfer grain has recorded: the request, how far it got, and its outcome once decided.</summary>
/// <param name="TransferId">The transfer's id.</param>
/// <param name="Step">The last step recorded; <see cref="TransferStep.None"/> when the id is unknown.</param>
/// <param name="From">The debited account; empty when nothing is recorded.</param>
/// <param name="To">The credited account; empty when nothing is recorded.</param>
/// <param name="Amount">How much; 0 when nothing is recorded.</param>
/// <param name="Decision">Post or void, once decided.</param>
/// <param name="Reason">Why it was declined.</param>
/// <param name="Result">The final outcome, once completed.</param>
public sealed record TransferRecord(
    string TransferId,
    TransferStep Step,
    string From,
    string To,
    decimal Amount,
    TransferStatus? Decision,
    string? Reason,
    TransferResult? Result);
