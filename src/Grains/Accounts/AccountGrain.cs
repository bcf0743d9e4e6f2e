using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A bank account. No locks: the runtime runs one request at a time, including its awaits,
/// so the check of the balance and the change to it can never be split by another request.
/// Every change is an event appended to the account's log; the runtime replies only once it is durable, but the
/// next request does not wait for the disk, so the appends of many requests share one write.
/// </summary>
[GrainType(GrainTypeName)]
public sealed partial class AccountGrain(
    [PersistentLog("account")] IPersistentLog<AccountEvent> log,
    TimeProvider time,
    IWithdrawalAuthorization? authorization = null) : Grain, IAccountGrain, ITransferLegs
{
    /// <summary>The grain type of accounts, which their stored records are filed under: the catalog lists it.</summary>
    public const string GrainTypeName = "account";

    private readonly AccountState _state = new();

    private string AccountId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Replay(_state.Apply);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AccountSummary> Open(string owner, decimal initialDeposit = 0m, string? operationId = null)
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

        if (Replay(operationId, OperationKind.Open, initialDeposit, owner) is { } earlier)
        {
            // The first answer as it was then: what happened to the account since is not part of the open's result.
            return Task.FromResult(new AccountSummary(AccountId, owner, AccountStatus.Open, earlier.BalanceAfter, operationId, Replayed: true));
        }

        switch (_state.Status)
        {
            case AccountStatus.Open:
                throw new AccountAlreadyOpenException(AccountId, _state.Owner);
            case AccountStatus.Closed:
                throw new AccountClosedException(AccountId);
        }

        var id = Record(AccountEventKind.Opened, operationId, initialDeposit, owner: owner);
        return Task.FromResult(Summary() with { OperationId = id });
    }

    /// <inheritdoc/>
    public Task<DepositResult> Deposit(decimal amount, string? operationId = null)
    {
        LetGoIfNeverOpened();
        Amounts.Validate(amount);
        if (Replay(operationId, OperationKind.Deposit, amount) is { } earlier)
        {
            return Task.FromResult(new DepositResult(operationId!, amount, earlier.BalanceAfter, Replayed: true));
        }

        EnsureOpen();
        var id = Record(AccountEventKind.Deposited, operationId, amount);
        return Task.FromResult(new DepositResult(id, amount, _state.Balance));
    }

    /// <inheritdoc/>
    public async Task<WithdrawResult> Withdraw(decimal amount, string? operationId = null)
    {
        LetGoIfNeverOpened();
        Amounts.Validate(amount);
        if (Replay(operationId, OperationKind.Withdraw, amount) is { } earlier)
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
    public Task<Statement> GetStatement()
    {
        EnsureOpened();
        return Task.FromResult(new Statement(AccountId, _state.Owner, _state.Status, _state.Balance, [.. _state.Ledger]));
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
        return Task.FromResult(Page(afterSequence, limit));
    }

    /// <inheritdoc/>
    public Task<StatementPage> GetStatementTail(int last)
    {
        EnsureOpened();
        EnsurePageSize(last, nameof(last));
        return Task.FromResult(Page(Math.Max(0, _state.Ledger.Count - last), last));
    }

    /// <inheritdoc/>
    public Task<CloseResult> Close(string? operationId = null)
    {
        LetGoIfNeverOpened();
        if (Replay(operationId, OperationKind.Close, 0m) is { } earlier)
        {
            return Task.FromResult(new CloseResult(operationId!, earlier.Amount, Replayed: true));
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
        return Task.FromResult(new CloseResult(id, paidOut));
    }

    /// <summary>
    /// The first outcome of a repeated operation id; throws if the id breaks the rule or was used on this account for
    /// something else. Ids are per account: the log of this account is the only place they are looked up.
    /// </summary>
    private OperationRecord? Replay(string? operationId, OperationKind kind, decimal amount, string? owner = null)
    {
        if (operationId is null)
        {
            return null;
        }

        OperationIds.Validate(operationId);
        if (_state.Find(operationId) is not { } record)
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

    /// <summary>Entries are numbered 1, 2, 3… by their place in the ledger, so a sequence is also an index.</summary>
    private StatementPage Page(long afterSequence, int limit)
    {
        var ledger = _state.Ledger;
        var start = (int)Math.Min(afterSequence, ledger.Count);
        var count = Math.Min(limit, ledger.Count - start);
        var entries = new LedgerEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = ledger[start + i];
        }

        var nextAfter = count > 0 ? entries[^1].Sequence : afterSequence;
        return new StatementPage(AccountId, _state.Owner, _state.Status, _state.Balance, ledger.Count, entries, nextAfter, start + count < ledger.Count);
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
