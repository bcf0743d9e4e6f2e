namespace OrleansBank.Grains;

/// <summary>One account's side of a transfer, as that account records it.</summary>
/// <param name="TransferId">The transfer it belongs to; an account holds at most one leg per transfer.</param>
/// <param name="Direction">Debit or credit.</param>
/// <param name="Amount">How much; 0 for a void that arrived before any leg (a tombstone).</param>
/// <param name="Counterparty">The other account of the transfer.</param>
/// <param name="State">Pending, posted, voided or declined.</param>
/// <param name="Reason">Why a debit was declined.</param>
public sealed record TransferLeg(string TransferId, LegDirection Direction, decimal Amount, string Counterparty, LegState State, string? Reason = null);
