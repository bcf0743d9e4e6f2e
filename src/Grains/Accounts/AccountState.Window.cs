namespace OrleansBank.Grains;

/// <summary>
/// The bounded part of the state: the last <see cref="RecentWindow"/> ledger entries (up to twice that between
/// trims), operations and finished legs, plus a checkpoint (version, entries, balance) every window's worth of events,
/// from which the grain replays the history it no longer holds.
/// </summary>
public sealed partial class AccountState
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<string, OperationRecord> _operations = [];
    private readonly Queue<string> _operationOrder = new();
    private readonly Dictionary<string, (TransferLeg Leg, long Order)> _legs = [];
    private readonly Queue<string> _finishedLegOrder = new();
    // At most this many checkpoints are kept, however long the history: see ThinOlderCheckpoints.
    private const int MaxCheckpoints = 64;

    private readonly List<AccountCheckpoint> _checkpoints = [];
    private long _nextLegOrder;

    /// <summary>How many entries, operations and finished legs the state keeps in memory.</summary>
    public int RecentWindow { get; }

    /// <summary>How many ledger entries the account has, in memory or not.</summary>
    public long LedgerCount { get; private set; }

    /// <summary>True once an operation id fell out of the window: a miss in memory must then be looked up in the log.</summary>
    public bool ForgetsOperations { get; private set; }

    /// <summary>True once a finished transfer leg fell out of the window: a miss in memory must then be looked up in the log.</summary>
    public bool ForgetsLegs { get; private set; }

    /// <summary>The most recent ledger entries, oldest first; the first has sequence <see cref="LedgerCount"/> - Count + 1.</summary>
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>The state after every <see cref="RecentWindow"/>th event, oldest first.</summary>
    public IReadOnlyList<AccountCheckpoint> Checkpoints => _checkpoints;

    /// <summary>Transfer legs still pending, in the order they were recorded.</summary>
    public IEnumerable<TransferLeg> PendingLegs => _legs.Values.Where(l => l.Leg.State == LegState.Pending).OrderBy(l => l.Order).Select(l => l.Leg);

    /// <summary>Whether any transfer leg is still pending here.</summary>
    public bool HasPendingLegs => PendingDebits > 0m || PendingCredits > 0m;

    /// <summary>This account's leg of a transfer, if it is in memory (every pending leg is).</summary>
    public TransferLeg? FindLeg(string transferId) => _legs.TryGetValue(transferId, out var leg) ? leg.Leg : null;

    /// <summary>The first outcome of an operation id, if it is in memory.</summary>
    public OperationRecord? Find(string operationId) => _operations.GetValueOrDefault(operationId);

    /// <summary>Puts a leg found in the log back, for a replay that starts after the leg was recorded.</summary>
    public void RestoreLeg(TransferLeg leg) => PutLeg(leg);

    /// <summary>A state to replay part of the history on: it starts where <paramref name="checkpoint"/> (null: nothing) left the account.</summary>
    public static AccountState StartingAt(AccountCheckpoint? checkpoint, int recentWindow)
    {
        var state = new AccountState(recentWindow);
        if (checkpoint is not null)
        {
            (state.Version, state.LedgerCount, state.Balance, state.Status) = (checkpoint.Version, checkpoint.LedgerCount, checkpoint.Balance, AccountStatus.Open);
        }

        return state;
    }

    private void AddEntry(LedgerEntry entry)
    {
        LedgerCount = entry.Sequence;
        _ledger.Add(entry);
        // Trimmed by halves, so keeping the window costs no copy per entry.
        if (_ledger.Count >= 2 * (long)RecentWindow)
        {
            _ledger.RemoveRange(0, _ledger.Count - RecentWindow);
        }
    }

    private void AddOperation(string operationId, OperationRecord record)
    {
        if (!_operations.TryAdd(operationId, record))
        {
            _operations[operationId] = record;
            return;
        }

        _operationOrder.Enqueue(operationId);
        if (_operations.Count > RecentWindow)
        {
            _operations.Remove(_operationOrder.Dequeue());
            ForgetsOperations = true;
        }
    }

    private void PutLeg(TransferLeg leg)
    {
        var order = _legs.TryGetValue(leg.TransferId, out var known) ? known.Order : _nextLegOrder++;
        _legs[leg.TransferId] = (leg, order);
        if (leg.State == LegState.Pending)
        {
            return;
        }

        _finishedLegOrder.Enqueue(leg.TransferId);
        while (_finishedLegOrder.Count > RecentWindow)
        {
            var oldest = _finishedLegOrder.Dequeue();
            // Queued once per finishing step; only the leg's last step in the queue may let it go.
            if (!_finishedLegOrder.Contains(oldest) && _legs.TryGetValue(oldest, out var old) && old.Leg.State != LegState.Pending)
            {
                _legs.Remove(oldest);
                ForgetsLegs = true;
            }
        }
    }
}
