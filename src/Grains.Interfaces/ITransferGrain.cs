using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A transfer between two accounts, keyed by a transfer id the client makes up (<see cref="OperationIds"/> rules), and
/// exactly once per id: two-phase on the accounts, in the manner of TigerBeetle's pending transfers.
/// </summary>
/// <remarks>
/// The transfer records the request, reserves the debit, records the pending credit, records its decision (post, or
/// void when the debit is declined) — the commit point — and then posts or voids both legs. Each step is recorded or
/// idempotent, so a transfer interrupted anywhere is finished by its reminder, by <see cref="ResumeAsync"/> or by sending it again.
/// </remarks>
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Moves <paramref name="amount"/> from <paramref name="from"/> to <paramref name="to"/>, or declines it for insufficient available funds.</summary>
    /// <remarks>
    /// The same id again returns the first outcome (<see cref="TransferResult.Replayed"/>); with another from, to or
    /// amount it throws <see cref="OperationIdConflictException"/>. A transfer to itself, a bad id or amount
    /// (<see cref="ArgumentException"/>) and an unopened or closed account (<see cref="AccountException"/>) are refused
    /// before anything is recorded.
    /// </remarks>
    Task<TransferResult> Transfer(string from, string to, decimal amount);

    /// <summary>What is recorded for this transfer id.</summary>
    [ReadOnly]
    Task<TransferRecord> GetStatus();

    /// <summary>Drives an unfinished transfer to its end from its recorded step; returns null when nothing is recorded.</summary>
    /// <remarks>
    /// On a silo with a reminder service the transfer's own reminder calls this until the transfer is completed; a
    /// caller may also call it, or send the transfer again, to finish it sooner.
    /// </remarks>
    Task<TransferResult?> ResumeAsync();
}
