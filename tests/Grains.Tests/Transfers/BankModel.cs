namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>One step of a random program: a deposit, a withdrawal or a transfer, under an id drawn from a small pool so ids repeat.</summary>
public abstract record ModelOp(decimal Amount, int Id);

public sealed record DepositOp(int Account, decimal Amount, int Id) : ModelOp(Amount, Id);

public sealed record WithdrawOp(int Account, decimal Amount, int Id) : ModelOp(Amount, Id);

public sealed record TransferOp(int From, int To, decimal Amount, int Id) : ModelOp(Amount, Id);

/// <summary>What the model says a step returns: a refusal for an id reused with other terms, or the result's numbers.</summary>
public sealed record ModelOutcome(bool Conflict, bool Approved = false, decimal FromBalance = 0m, decimal ToBalance = 0m, bool Replayed = false);

/// <summary>
/// The bank as a few dictionaries, run one step at a time: what every balance and every result must be. Operation ids
/// are per account, transfer ids global; the same id with the same terms returns the first result, with other terms
/// it is refused; a withdrawal or transfer that the balance does not cover is declined.
/// </summary>
public sealed class BankModel(int accounts, decimal opening)
{
    private readonly Dictionary<(int Account, int Id), (string Kind, decimal Amount, ModelOutcome First)> _operations = [];
    private readonly Dictionary<int, (int From, int To, decimal Amount, ModelOutcome First)> _transfers = [];

    public decimal[] Balances { get; } = [.. Enumerable.Repeat(opening, accounts)];

    public IReadOnlyDictionary<int, (int From, int To, decimal Amount, ModelOutcome First)> Transfers => _transfers;

    public ModelOutcome Apply(ModelOp op) => op switch
    {
        DepositOp d => Operation(d.Account, "deposit", d.Amount, d.Id, () => (true, Balances[d.Account] += d.Amount)),
        WithdrawOp w => Operation(w.Account, "withdraw", w.Amount, w.Id, () => w.Amount <= Balances[w.Account]
            ? (true, Balances[w.Account] -= w.Amount)
            : (false, Balances[w.Account])),
        TransferOp t => Transfer(t),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown step"),
    };

    private ModelOutcome Operation(int account, string kind, decimal amount, int id, Func<(bool Approved, decimal Balance)> run)
    {
        if (_operations.TryGetValue((account, id), out var earlier))
        {
            return earlier.Kind == kind && earlier.Amount == amount ? earlier.First with { Replayed = true } : new ModelOutcome(Conflict: true);
        }

        var (approved, balance) = run();
        var first = new ModelOutcome(false, approved, balance);
        _operations[(account, id)] = (kind, amount, first);
        return first;
    }

    private ModelOutcome Transfer(TransferOp t)
    {
        if (_transfers.TryGetValue(t.Id, out var earlier))
        {
            return (earlier.From, earlier.To, earlier.Amount) == (t.From, t.To, t.Amount) ? earlier.First with { Replayed = true } : new ModelOutcome(Conflict: true);
        }

        var posted = t.Amount <= Balances[t.From];
        if (posted)
        {
            Balances[t.From] -= t.Amount;
            Balances[t.To] += t.Amount;
        }

        var first = new ModelOutcome(false, posted, Balances[t.From], Balances[t.To]);
        _transfers[t.Id] = (t.From, t.To, t.Amount, first);
        return first;
    }
}
