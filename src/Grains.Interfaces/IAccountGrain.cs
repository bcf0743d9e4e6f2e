using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>A bank account, keyed by account id. Each change is idempotent by its operation id.</summary>
/// <remarks>
/// <para>
/// Amounts must be greater than 0, have at most 2 decimal places and be at most 1,000,000,000,000; anything
/// else throws an <see cref="ArgumentException"/> and changes nothing.
/// </para>
/// <para>
/// Operation ids follow <see cref="OperationIds"/> (1-128 printable ASCII characters) and are scoped to one account:
/// within an account, repeating an id for the same request returns the first result (with <c>Replayed</c> set where
/// the result has it) and changes nothing, and using it for a different request throws
/// <see cref="OperationIdConflictException"/>; the same id on another account is another operation. Omit the id and
/// the grain makes one up, which leaves the caller nothing to retry with: a client that may retry should send its own.
/// </para>
/// <para>
/// The account id must follow <see cref="AccountIds"/> to be opened; an account opened before that rule existed stays
/// readable and usable.
/// </para>
/// </remarks>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Opens the account for <paramref name="owner"/>, optionally with a first deposit.</summary>
    /// <remarks>
    /// Repeating the operation id returns the summary as it was at opening (the opening balance), however the account
    /// changed since; the same id with another owner or first deposit is an <see cref="OperationIdConflictException"/>.
    /// </remarks>
    Task<AccountSummary> Open(string owner, decimal initialDeposit = 0m, string? operationId = null);

    /// <summary>Adds money.</summary>
    Task<DepositResult> Deposit(decimal amount, string? operationId = null);

    /// <summary>Takes money out if the balance covers it; a shortfall is a declined result, not an error.</summary>
    Task<WithdrawResult> Withdraw(decimal amount, string? operationId = null);

    /// <summary>The current balance.</summary>
    [ReadOnly]
    Task<decimal> GetBalance();

    /// <summary>The account's details and its ledger, oldest entry first.</summary>
    /// <remarks>A long ledger may not fit in one reply (<see cref="ResponseTooLargeException"/>): page it instead.</remarks>
    [ReadOnly]
    Task<Statement> GetStatement();

    /// <summary>
    /// Up to <paramref name="limit"/> (1 to <see cref="StatementPage.MaxEntries"/>) ledger entries with sequence above
    /// <paramref name="afterSequence"/> (0 or more), oldest first. Start at 0, then pass <see cref="StatementPage.NextAfter"/>.
    /// </summary>
    [ReadOnly]
    Task<StatementPage> GetStatementPage(long afterSequence, int limit);

    /// <summary>The last <paramref name="last"/> (1 to <see cref="StatementPage.MaxEntries"/>) ledger entries, oldest first.</summary>
    [ReadOnly]
    Task<StatementPage> GetStatementTail(int last);

    /// <summary>Pays out the balance and closes the account; no further changes are accepted.</summary>
    Task<CloseResult> Close(string? operationId = null);
}
