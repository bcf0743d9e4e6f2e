using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// An account's side of two-phase transfers, keyed by account id (the same grain as <see cref="IAccountGrain"/>).
/// Every step is idempotent by (transfer id, step): repeating it returns the leg as it is and changes nothing.
/// </summary>
/// <remarks>
/// Called by the transfer grain, not by people: a leg is reserved or announced, then posted or voided, never both.
/// The available balance excludes pending debits, so posting a reserved debit can never take the balance below zero.
/// </remarks>
public interface ITransferLegs : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="amount"/> for transfer <paramref name="transferId"/>, or declines it when the available balance does not cover it.</summary>
    /// <exception cref="AccountException">The account is not open, or the transfer id already names another leg here.</exception>
    Task<LegResult> ReserveDebit(string transferId, decimal amount, string counterparty);

    /// <summary>Records that <paramref name="amount"/> is on its way in by transfer <paramref name="transferId"/>; the balance changes only on posting.</summary>
    /// <exception cref="AccountException">The account is not open, or the transfer id already names another leg here.</exception>
    Task<LegResult> RecordPendingCredit(string transferId, decimal amount, string counterparty);

    /// <summary>Applies a pending leg to the balance; posting a posted leg is a no-op, posting a voided or declined one is refused.</summary>
    Task<LegResult> PostLeg(string transferId);

    /// <summary>Cancels a pending leg; voiding a voided or declined leg is a no-op, voiding a posted one is refused.</summary>
    /// <remarks>A void for a transfer this account never saw is recorded too, so that a late reserve for it is refused.</remarks>
    Task<LegResult> VoidLeg(string transferId);

    /// <summary>Where the account is in its life, so a transfer can be refused before it is recorded.</summary>
    [ReadOnly]
    Task<AccountStatus> GetAccountStatus();

    /// <summary>The balance less pending debits: what a withdrawal or a new debit may take.</summary>
    [ReadOnly]
    Task<decimal> GetAvailableBalance();

    /// <summary>The legs not yet posted or voided, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<TransferLeg>> GetPendingLegs();
}
