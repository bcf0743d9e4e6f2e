namespace OrleansBank.Grains;

/// <summary>The account state to and from the snapshot its log keeps.</summary>
public sealed partial class AccountState
{
    /// <summary>A copy of the state, for the log to store.</summary>
    public AccountSnapshot ToSnapshot() => new()
    {
        Version = Version,
        Owner = Owner,
        Status = Status,
        Balance = Balance,
        PendingDebits = PendingDebits,
        PendingCredits = PendingCredits,
        LedgerCount = LedgerCount,
        ForgetsOperations = ForgetsOperations,
        ForgetsLegs = ForgetsLegs,
        // The window, not the up to twice as many entries kept between trims: the rest is in the log.
        Ledger = [.. _ledger.Skip(Math.Max(0, _ledger.Count - RecentWindow))],
        Operations = [.. _operationOrder.Select(id => KeyValuePair.Create(id, _operations[id]))],
        Legs = [.. _legs.Values.OrderBy(l => l.Order).Select(l => l.Leg)],
        FinishedLegOrder = [.. _finishedLegOrder],
        Checkpoints = [.. _checkpoints],
    };

    /// <summary>The state a snapshot holds, keeping at most <paramref name="recentWindow"/> of each window.</summary>
    public static AccountState FromSnapshot(AccountSnapshot snapshot, int recentWindow)
    {
        var state = new AccountState(recentWindow)
        {
            Version = snapshot.Version,
            Owner = snapshot.Owner,
            Status = snapshot.Status,
            Balance = snapshot.Balance,
            PendingDebits = snapshot.PendingDebits,
            PendingCredits = snapshot.PendingCredits,
            LedgerCount = snapshot.LedgerCount,
            ForgetsOperations = snapshot.ForgetsOperations,
            ForgetsLegs = snapshot.ForgetsLegs,
        };
        state._checkpoints.AddRange(snapshot.Checkpoints);
        foreach (var entry in snapshot.Ledger)
        {
            state.AddEntry(entry);
        }

        foreach (var (id, record) in snapshot.Operations)
        {
            state.AddOperation(id, record);
        }

        foreach (var leg in snapshot.Legs)
        {
            state._legs[leg.TransferId] = (leg, state._nextLegOrder++);
        }

        foreach (var id in snapshot.FinishedLegOrder)
        {
            state._finishedLegOrder.Enqueue(id);
        }

        return state;
    }
}
