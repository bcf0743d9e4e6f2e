namespace OrleansBank.Grains;

/// <summary>One page of account ids, in ordinal order, with what a caller needs to ask for the next.</summary>
/// <param name="AccountIds">This page's ids.</param>
/// <param name="NextAfter">The id to pass as <c>after</c> for the next page; null when the page is empty.</param>
/// <param name="HasMore">True when more ids matched when the page was read.</param>
public sealed record AccountList(IReadOnlyList<string> AccountIds, string? NextAfter, bool HasMore)
{
    /// <summary>The most ids one page may hold, the same bound as a statement page's entries.</summary>
    public const int MaxAccounts = StatementPage.MaxEntries;
}
