using FsCheck;
using FsCheck.Fluent;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>
/// Random programs of deposits, withdrawals and transfers, with ids drawn from small pools so that they repeat (same
/// terms, or other terms), run one step at a time against the bank and against <see cref="BankModel"/>: every result,
/// every final balance and every transfer's status must be the model's.
/// </summary>
public sealed class TransferModelTests : IAsyncLifetime
{
    private const int Accounts = 3;
    private const decimal Opening = 50m;

    private BankCluster _bank = null!;

    public async Task InitializeAsync() => _bank = await BankCluster.StartAsync();

    public Task DisposeAsync() => _bank.DisposeAsync().AsTask();

    private static Gen<decimal> Amount => Gen.Choose(1, 4_000).Select(cents => cents / 100m);

    private static Gen<ModelOp> Step => Gen.OneOf(
        from account in Gen.Choose(0, Accounts - 1)
        from amount in Amount
        from id in Gen.Choose(0, 4)
        select (ModelOp)new DepositOp(account, amount, id),
        from account in Gen.Choose(0, Accounts - 1)
        from amount in Amount
        from id in Gen.Choose(0, 4)
        select (ModelOp)new WithdrawOp(account, amount, id),
        from payer in Gen.Choose(0, Accounts - 1)
        from shift in Gen.Choose(1, Accounts - 1)
        from amount in Amount
        from id in Gen.Choose(0, 5)
        select (ModelOp)new TransferOp(payer, (payer + shift) % Accounts, amount, id));

    [Fact]
    public void Programs_OfTransfersDepositsAndWithdrawals_MatchTheModel()
    {
        // A quarter of the steps repeat an earlier one exactly: the same id with the same terms, which must change nothing.
        var slot = from op in Step
                   from repeat in Gen.Choose(0, 3)
                   from earlier in Gen.Choose(0, 1_000)
                   select (Op: op, RepeatOf: repeat == 0 ? earlier : -1);
        var programs = Gen.Choose(1, 20).SelectMany(n => slot.ArrayOf(n)).Select(Program);
        var property = Prop.ForAll(Arb.From(programs), program => Task.Run(() => RunAsync(program)).GetAwaiter().GetResult());

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    private static ModelOp[] Program((ModelOp Op, int RepeatOf)[] slots)
    {
        var program = new ModelOp[slots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            program[i] = slots[i].RepeatOf >= 0 && i > 0 ? program[slots[i].RepeatOf % i] : slots[i].Op;
        }

        return program;
    }

    /// <summary>Runs the program on fresh accounts and transfer ids, and throws at the first difference from the model.</summary>
    private async Task RunAsync(ModelOp[] program)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        string Account(int i) => $"{run}-a{i}";
        string TransferId(int id) => $"{run}-t{id}";
        var model = new BankModel(Accounts, Opening);
        for (var i = 0; i < Accounts; i++)
        {
            await _bank.OpenAsync(Opening, Account(i));
        }

        foreach (var (op, step) in program.Select((op, step) => (op, step)))
        {
            var expected = model.Apply(op);
            var actual = await RunStepAsync(op, Account, TransferId);
            if (actual != expected)
            {
                throw new InvalidOperationException($"Step {step} ({op}) returned {actual}; the model says {expected}.");
            }
        }

        for (var i = 0; i < Accounts; i++)
        {
            var balance = await _bank.Grains.GetGrain<IAccountGrain>(Account(i)).GetBalance();
            if (balance != model.Balances[i])
            {
                throw new InvalidOperationException($"Account {i} ends at {balance}; the model says {model.Balances[i]}.");
            }
        }

        foreach (var (id, t) in model.Transfers)
        {
            var record = await _bank.Grains.GetGrain<ITransferGrain>(TransferId(id)).GetStatus();
            var status = t.First.Approved ? TransferStatus.Posted : TransferStatus.Declined;
            if (record.Step != TransferStep.Completed || record.Result?.Status != status)
            {
                throw new InvalidOperationException($"Transfer {id} is {record.Step}/{record.Result?.Status}; the model says completed/{status}.");
            }
        }

        if (await Books.PendingAsync(_bank.Grains, [.. Enumerable.Range(0, Accounts).Select(Account)]) != 0)
        {
            throw new InvalidOperationException("Legs are left pending after the program.");
        }
    }

    private async Task<ModelOutcome> RunStepAsync(ModelOp op, Func<int, string> account, Func<int, string> transferId)
    {
        try
        {
            switch (op)
            {
                case DepositOp d:
                    var deposit = await _bank.Grains.GetGrain<IAccountGrain>(account(d.Account)).Deposit(d.Amount, $"o{d.Id}");
                    return new ModelOutcome(false, true, deposit.Balance, Replayed: deposit.Replayed);
                case WithdrawOp w:
                    var withdrawal = await _bank.Grains.GetGrain<IAccountGrain>(account(w.Account)).Withdraw(w.Amount, $"o{w.Id}");
                    return new ModelOutcome(false, withdrawal.Approved, withdrawal.Balance, Replayed: withdrawal.Replayed);
                case TransferOp t:
                    var result = await _bank.Grains.GetGrain<ITransferGrain>(transferId(t.Id)).Transfer(account(t.From), account(t.To), t.Amount);
                    return new ModelOutcome(false, result.Status == TransferStatus.Posted, result.FromBalance, result.ToBalance, result.Replayed);
                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "unknown step");
            }
        }
        catch (OperationIdConflictException)
        {
            return new ModelOutcome(Conflict: true);
        }
    }
}
