using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A bank account. No locks: the runtime runs one request at a time, including its awaits,
/// so the check of the balance and the change to it can never be split by another request.
/// Every change is an event appended to the account's log; the runtime replies only once it is durable, but the
/// next request does not wait for the disk, so the appends of many requests share one write.
/// Memory holds a bounded window of recent history (<see cref="AccountOptions.RecentWindow"/>); older operation ids,
/// legs and ledger entries are read from the log, and activation starts from the log's latest snapshot.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class AccountGrain(
    [PersistentLog("account")] IPersistentLog<AccountEvent> log,
    TimeProvider time,
    IOptions<AccountOptions> options,
    IWithdrawalAuthorization? authorization = null) : Grain, IAccountGrain, ITransferLegs
{
    /// <summary>The grain type of accounts, which their stored records are filed under: the catalog lists it.</summary>
    public const string GrainTypeName = "account";

    private readonly AccountHistory _history = new(log);
    private AccountState _state = new(options.Value.RecentWindow);

    private string AccountId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => log.ReplayAsync<AccountSnapshot>(
        snapshot => _state = AccountState.FromSnapshot(snapshot, options.Value.RecentWindow),
        e => _state.Apply(e),
        () => _state.ToSnapshot());

    /// <inheritdoc/>
    public async Task<AccountSummary> Open(string owner, decimal initialDeposit = 0m, string? operationId = null)
    {
        try
        {
            // Only opening checks the key, so accounts opened before the rule existed stay readable and usable.
            AccountIds.Validate(AccountId, "accountId");
            Owners.Validate(owner, nameof(owner));
            if (initialDeposit != 0m)
            {
                Amounts.Validate(initialDeposit, nameof(initialDeposit));
            }
        }
        catch (ArgumentException)
        {
            LetGoIfNeverOpened();
            throw;
        }

        if (await Replay(operationId, OperationKind.Open, initialDeposit, owner) is { } earlier)
        {
            // The first answer as it was then: what happened to the account since is not part of the open's result.
            return new AccountSummary(AccountId, owner, AccountStatus.Open, earlier.BalanceAfter, operationId, Replayed: true);
        }

        switch (_state.Status)
        {
            case AccountStatus.Open:
                throw new AccountAlreadyOpenException(AccountId, _state.Owner);
            case AccountStatus.Closed:
                throw new AccountClosedException(AccountId);
        }

        var id = Record(AccountEventKind.Opened, operationId, initialDeposit, owner: owner);
        return Summary() with { OperationId = id };
    }

    /// <inheritdoc/>
    public async Task<DepositResult> Deposit(decimal amount, string? operationId = null)
    {
        LetGoIfNeverOpened();
        Amounts.Validate(amount);
        if (await Replay(operationId, OperationKind.Deposit, amount) is { } earlier)
        {
            return new DepositResult(operationId!, amount, earlier.BalanceAfter, Replayed: true);
        }

        EnsureOpen();
        var id = Record(AccountEventKind.Deposited, operationId, amount);
        return new DepositResult(id, amount, _state.Balance);
    }

    /// <inheritdoc/>
    public async Task<WithdrawResult> Withdraw(decimal amount, string? operationId = null)
    {
        LetGoIfNeverOpened();
        Amounts.Validate(amount);
        if (await Replay(operationId, OperationKind.Withdraw, amount) is { } earlier)
        {
            return new WithdrawResult(operationId!, amount, earlier.Approved, earlier.BalanceAfter, earlier.DeclineReason, Replayed: true);
        }

        EnsureOpen();
        // Reserved transfer debits are spoken for: the check is against the available balance, so posting them later
        // can never take the balance below zero. With nothing reserved the two are the same.
        var declineReason = amount > _state.Available
            ? _state.PendingDebits == 0m
                ? $"Insufficient funds: the balance is {Amounts.Format(_state.Balance)}, the withdrawal was {Amounts.Format(amount)}."
                : $"Insufficient funds: the available balance is {Amounts.Format(_state.Available)} ({Amounts.Format(_state.PendingDebits)} reserved by transfers in flight), the withdrawal was {Amounts.Format(amount)}."
            : authorization is null ? null : await authorization.AuthorizeAsync(AccountId, amount);

        // No second look at the balance: the turn held through the await, so the check above still stands.
        if (declineReason is not null)
        {
            var declined = Record(AccountEventKind.WithdrawalDeclined, operationId, amount, declineReason: declineReason);
            return new WithdrawResult(declined, amount, false, _state.Balance, declineReason);
        }

        var id = Record(AccountEventKind.Withdrawn, operationId, amount);
        return new WithdrawResult(id, amount, true, _state.Balance, null);
    }

    /// <inheritdoc/>
    public Task<decimal> GetBalance()
    {
        EnsureOpened();
        return Task.FromResult(_state.Balance);
    }

    /// <inheritdoc/>
    public async Task<Statement> GetStatement()
    {
        EnsureOpened();
        var entries = await _history.EntriesAsync(_state, 0, (int)Math.Min(_state.LedgerCount, int.MaxValue));
        return new Statement(AccountId, _state.Owner, _state.Status, _state.Balance, entries);
    }

    /// <inheritdoc/>
    public Task<StatementPage> GetStatementPage(long afterSequence, int limit)
    {
        EnsureOpened();
        if (afterSequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterSequence), afterSequence, "afterSequence must be 0 or more: 0 starts at the first entry.");
        }

        EnsurePageSize(limit, nameof(limit));
        return Page(afterSequence, limit);
    }

    /// <inheritdoc/>
    public Task<StatementPage> GetStatementTail(int last)
    {
        EnsureOpened();
        EnsurePageSize(last, nameof(last));
        return Page(Math.Max(0, _state.LedgerCount - last), last);
    }

    /// <inheritdoc/>
    public async Task<CloseResult> Close(string? operationId = null)
    {
        LetGoIfNeverOpened();
        if (await Replay(operationId, OperationKind.Close, 0m) is { } earlier)
        {
            return new CloseResult(operationId!, earlier.Amount, Replayed: true);
        }

        EnsureOpen();
        if (_state.HasPendingLegs)
        {
            throw new AccountException(
                $"Account '{AccountId}' has transfers in flight ({string.Join(", ", _state.PendingLegs.Select(l => l.TransferId))}): close it once they have finished.");
        }

        // The event keeps the payout so a repeated close returns the same answer.
        var paidOut = _state.Balance;
        var id = Record(AccountEventKind.Closed, operationId, paidOut);
        return new CloseResult(id, paidOut);
    }

    /// <summary>
    /// The first outcome of a repeated operation id; throws if the id breaks the rule or was used on this account for
    /// something else. Ids are per account: the log of this account is the only place they are looked up, in memory
    /// for the recent window and through the log's key index before it, so the idempotency window has no end.
    /// </summary>
    private async ValueTask<OperationRecord?> Replay(string? operationId, OperationKind kind, decimal amount, string? owner = null)
    {
        if (operationId is null)
        {
            return null;
        }

        OperationIds.Validate(operationId);
        if (await _history.FindOperationAsync(_state, operationId) is not { } record)
        {
            return null;
        }

        if (!record.IsRepeatedBy(kind, amount, owner))
        {
            throw new OperationIdConflictException(
                operationId,
                OperationRecord.DescribeUse(record.Kind, record.Amount, record.Owner),
                OperationRecord.DescribeUse(kind, amount, owner));
        }

        return record;
    }

    private void EnsureOpened()
    {
        LetGoIfNeverOpened();
        if (_state.Status == AccountStatus.NotOpened)
        {
            throw new AccountNotOpenException(AccountId);
        }
    }

    /// <summary>
    /// A call to an account that was never opened, whatever its outcome, leaves nothing worth keeping in memory:
    /// without this, every id ever asked about would hold an activation until idle collection, and a stream of
    /// made-up ids (or of bad requests for them) would fill the silo.
    /// </summary>
    private void LetGoIfNeverOpened()
    {
        if (_state.Status == AccountStatus.NotOpened)
        {
            DeactivateOnIdle();
        }
    }

    private void EnsureOpen()
    {
        EnsureOpened();
        if (_state.Status == AccountStatus.Closed)
        {
            throw new AccountClosedException(AccountId);
        }
    }

    private static void EnsurePageSize(int size, string parameterName)
    {
        if (size is < 1 or > StatementPage.MaxEntries)
        {
            throw new ArgumentOutOfRangeException(parameterName, size, $"{parameterName} must be from 1 to {StatementPage.MaxEntries:N0}: a statement page holds at most {StatementPage.MaxEntries:N0} entries.");
        }
    }

    /// <summary>Entries are numbered 1, 2, 3… by their place in the ledger; the recent ones come from memory, older ones from the log.</summary>
    private async Task<StatementPage> Page(long afterSequence, int limit)
    {
        var total = _state.LedgerCount;
        var start = Math.Min(afterSequence, total);
        var entries = start < total ? await _history.EntriesAsync(_state, start, limit) : [];
        var nextAfter = entries.Count > 0 ? entries[^1].Sequence : afterSequence;
        return new StatementPage(AccountId, _state.Owner, _state.Status, _state.Balance, total, entries, nextAfter, start + entries.Count < total);
    }

    private AccountSummary Summary() => new(AccountId, _state.Owner, _state.Status, _state.Balance);

    /// <summary>
    /// Appends the event, then applies it. The append comes first: it throws if an earlier write of this activation
    /// failed, and then memory is left alone. The caller's reply waits for the append to be durable.
    /// </summary>
    private string Record(AccountEventKind kind, string? operationId, decimal amount, string? owner = null, string? declineReason = null, string? counterparty = null)
    {
        var e = new AccountEvent(kind, operationId ?? Guid.NewGuid().ToString("N"), amount, time.GetUtcNow(), owner, declineReason, counterparty);
        _ = log.Append(e);
        _state.Apply(e);
        return e.OperationId;
    }
}
