using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A bank account. No locks: the runtime runs one request at a time, including its awaits,
/// so the check of the balance and the change to it can never be split by another request.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountState> account,
    TimeProvider time,
    IWithdrawalAuthorization? authorization = null) : Grain, IAccountGrain
{
    private const string OpenKind = "open";
    private const string DepositKind = "deposit";
    private const string WithdrawKind = "withdraw";
    private const string CloseKind = "close";

    private AccountState State => account.State;

    private string AccountId => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public async Task<AccountSummary> Open(string owner, decimal initialDeposit = 0m, string? operationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (initialDeposit != 0m)
        {
            Amounts.Validate(initialDeposit, nameof(initialDeposit));
        }

        if (Replay(operationId, OpenKind, initialDeposit) is not null)
        {
            return Summary();
        }

        switch (State.Status)
        {
            case AccountStatus.Open:
                throw new AccountAlreadyOpenException(AccountId, State.Owner);
            case AccountStatus.Closed:
                throw new AccountClosedException(AccountId);
        }

        return await Commit(() =>
        {
            var id = operationId ?? NewOperationId();
            State.Owner = owner;
            State.Status = AccountStatus.Open;
            if (initialDeposit > 0m)
            {
                Apply(id, LedgerEntryKind.Deposit, initialDeposit, initialDeposit);
            }

            Remember(id, OpenKind, initialDeposit, approved: true, reason: null);
            return Summary();
        });
    }

    /// <inheritdoc/>
    public async Task<DepositResult> Deposit(decimal amount, string? operationId = null)
    {
        Amounts.Validate(amount);
        if (Replay(operationId, DepositKind, amount) is { } earlier)
        {
            return new DepositResult(operationId!, amount, earlier.BalanceAfter);
        }

        EnsureOpen();
        return await Commit(() =>
        {
            var id = operationId ?? NewOperationId();
            Apply(id, LedgerEntryKind.Deposit, amount, State.Balance + amount);
            Remember(id, DepositKind, amount, approved: true, reason: null);
            return new DepositResult(id, amount, State.Balance);
        });
    }

    /// <inheritdoc/>
    public async Task<WithdrawResult> Withdraw(decimal amount, string? operationId = null)
    {
        Amounts.Validate(amount);
        if (Replay(operationId, WithdrawKind, amount) is { } earlier)
        {
            return new WithdrawResult(operationId!, amount, earlier.Approved, earlier.BalanceAfter, earlier.DeclineReason);
        }

        EnsureOpen();
        var id = operationId ?? NewOperationId();
        var declineReason = amount > State.Balance
            ? $"Insufficient funds: the balance is {State.Balance}, the withdrawal was {amount}."
            : authorization is null ? null : await authorization.AuthorizeAsync(AccountId, amount);

        // No second look at the balance: the turn held through the await, so the check above still stands.
        return await Commit(() =>
        {
            if (declineReason is not null)
            {
                Remember(id, WithdrawKind, amount, approved: false, declineReason);
                return new WithdrawResult(id, amount, false, State.Balance, declineReason);
            }

            Apply(id, LedgerEntryKind.Withdrawal, amount, State.Balance - amount);
            Remember(id, WithdrawKind, amount, approved: true, reason: null);
            return new WithdrawResult(id, amount, true, State.Balance, null);
        });
    }

    /// <inheritdoc/>
    public Task<decimal> GetBalance()
    {
        EnsureOpened();
        return Task.FromResult(State.Balance);
    }

    /// <inheritdoc/>
    public Task<Statement> GetStatement()
    {
        EnsureOpened();
        return Task.FromResult(new Statement(AccountId, State.Owner, State.Status, State.Balance, [.. State.Ledger]));
    }

    /// <inheritdoc/>
    public async Task<CloseResult> Close(string? operationId = null)
    {
        if (Replay(operationId, CloseKind, 0m) is { } earlier)
        {
            return new CloseResult(operationId!, earlier.Amount);
        }

        EnsureOpen();
        return await Commit(() =>
        {
            var id = operationId ?? NewOperationId();
            var paidOut = State.Balance;
            if (paidOut > 0m)
            {
                Apply(id, LedgerEntryKind.Closing, paidOut, 0m);
            }

            State.Status = AccountStatus.Closed;
            // The record keeps the payout so a repeated close returns the same answer.
            Remember(id, CloseKind, paidOut, approved: true, reason: null);
            return new CloseResult(id, paidOut);
        });
    }

    private static string NewOperationId() => Guid.NewGuid().ToString("N");

    /// <summary>The first outcome of a repeated operation id; throws if the id was used for something else.</summary>
    private OperationRecord? Replay(string? operationId, string kind, decimal amount)
    {
        if (operationId is null)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        if (!State.Operations.TryGetValue(operationId, out var record))
        {
            return null;
        }

        // A close records its payout, not the requested amount, so only its kind must match.
        if (record.Kind != kind || (kind != CloseKind && record.Amount != amount))
        {
            throw new OperationIdConflictException(operationId, $"{record.Kind} {record.Amount}", $"{kind} {amount}");
        }

        return record;
    }

    private void EnsureOpened()
    {
        if (State.Status == AccountStatus.NotOpened)
        {
            throw new AccountNotOpenException(AccountId);
        }
    }

    private void EnsureOpen()
    {
        EnsureOpened();
        if (State.Status == AccountStatus.Closed)
        {
            throw new AccountClosedException(AccountId);
        }
    }

    private void Apply(string operationId, LedgerEntryKind kind, decimal amount, decimal balanceAfter)
    {
        State.Balance = balanceAfter;
        State.Ledger.Add(new LedgerEntry(State.Ledger.Count + 1, operationId, kind, amount, balanceAfter, time.GetUtcNow()));
    }

    private void Remember(string operationId, string kind, decimal amount, bool approved, string? reason) =>
        State.Operations[operationId] = new OperationRecord(kind, amount, approved, State.Balance, reason);

    private AccountSummary Summary() => new(AccountId, State.Owner, State.Status, State.Balance);

    /// <summary>Applies a change and acknowledges it only once stored; if the write fails, the change is undone.</summary>
    private async Task<T> Commit<T>(Func<T> change)
    {
        var result = change();
        try
        {
            await account.WriteStateAsync();
        }
        catch
        {
            try
            {
                await account.ReadStateAsync();
            }
            catch
            {
                // Memory may now be ahead of the store: start the next call from a fresh activation.
                DeactivateOnIdle();
            }

            throw;
        }

        return result;
    }
}
