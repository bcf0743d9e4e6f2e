namespace OrleansBank.Grains;

/// <summary>One page of an account's ledger, oldest entry first, with what a caller needs to ask for the next.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Owner">Who it belongs to.</param>
/// <param name="Status">Where it is in its life when the page was read.</param>
/// <param name="Balance">The balance when the page was read (after every entry so far, not just this page's).</param>
/// <param name="TotalEntries">How many entries the ledger held when the page was read.</param>
/// <param name="Entries">This page's entries, in sequence order.</param>
/// <param name="NextAfter">The sequence to pass as <c>afterSequence</c> for the next page.</param>
/// <param name="HasMore">True when entries after this page existed when it was read.</param>
public sealed record StatementPage(
    string AccountId,
    string Owner,
    AccountStatus Status,
    decimal Balance,
    long TotalEntries,
    IReadOnlyList<LedgerEntry> Entries,
    long NextAfter,
    bool HasMore)
{
    /// <summary>The most entries one page may hold, so that a page always fits in one reply.</summary>
    public const int MaxEntries = 10_000;
}
