namespace OrleansBank.Grains;

/// <summary>What an operation id was used for, and what it returned.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="Amount">The amount asked for (for a close: paid out).</param>
/// <param name="Approved">False only for a declined withdrawal.</param>
/// <param name="BalanceAfter">The balance the operation left.</param>
/// <param name="DeclineReason">Why a withdrawal was declined.</param>
/// <param name="Owner">For an open: whose account it opened, so a repeat for someone else is a conflict.</param>
public sealed record OperationRecord(OperationKind Kind, decimal Amount, bool Approved, decimal BalanceAfter, string? DeclineReason, string? Owner = null)
{
    /// <summary>Whether a request under the same operation id asks for this same operation, so it may be answered by it.</summary>
    /// <remarks>A close records its payout, not the requested amount, so only its kind must match.</remarks>
    public bool IsRepeatedBy(OperationKind kind, decimal amount, string? owner) =>
        Kind == kind
        && (kind == OperationKind.Close || Amount == amount)
        && (kind != OperationKind.Open || Owner == owner);

    /// <summary>How a conflict message names a use of an operation id, e.g. "deposit 10" or "open 0 for 'Ada'".</summary>
    public static string DescribeUse(OperationKind kind, decimal amount, string? owner)
    {
        var word = kind.ToString().ToLowerInvariant();
        return owner is null ? $"{word} {amount}" : $"{word} {amount} for '{owner}'";
    }
}
