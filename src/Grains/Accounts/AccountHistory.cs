using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// The part of an account's history its activation no longer holds, read from the log: an operation id or a transfer
/// leg by the log's key index, ledger entries by replaying from the nearest checkpoint on a scratch state. Each read
/// costs at most a window's worth of events plus the entries asked for.
/// </summary>
internal sealed class AccountHistory(IPersistentLog<AccountEvent> log)
{
    private const int ChunkSize = 1000;

    /// <summary>The first outcome of an operation id, from memory or from the log; null if the account never saw it.</summary>
    public async Task<OperationRecord?> FindOperationAsync(AccountState state, string operationId)
    {
        var remembered = state.Find(operationId);
        if (remembered is not null || !state.ForgetsOperations)
        {
            return remembered;
        }

        var found = (await log.FindAsync(operationId)).FirstOrDefault(v => IsOperation(v.Event.Kind));
        if (found is null)
        {
            return null;
        }

        // The record holds the balance the operation left, which only a replay up to it can tell.
        var checkpoint = state.Checkpoints.LastOrDefault(c => c.Version < found.Version);
        var scratch = AccountState.StartingAt(checkpoint, state.RecentWindow);
        await ReplayAsync(scratch, found.Version, _ => false);
        return scratch.Find(operationId);
    }

    /// <summary>This account's leg of a transfer, from memory or from the log; null if the account never saw the transfer.</summary>
    public async Task<TransferLeg?> FindLegAsync(AccountState state, string transferId)
    {
        var held = state.FindLeg(transferId);
        if (held is not null || !state.ForgetsLegs)
        {
            return held;
        }

        return await LegBeforeAsync(transferId, long.MaxValue);
    }

    /// <summary>Up to <paramref name="limit"/> ledger entries with sequence above <paramref name="afterSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(AccountState state, long afterSequence, int limit)
    {
        var entries = new List<LedgerEntry>();
        var inMemoryAfter = state.LedgerCount - state.Ledger.Count;
        if (afterSequence < inMemoryAfter)
        {
            var checkpoint = state.Checkpoints.LastOrDefault(c => c.LedgerCount <= afterSequence);
            var scratch = AccountState.StartingAt(checkpoint, state.RecentWindow);
            await ReplayAsync(scratch, state.Version, entry =>
            {
                if (entry.Sequence > afterSequence)
                {
                    entries.Add(entry);
                }

                // Stop at the page's end, or where memory takes over.
                return entries.Count == limit || entry.Sequence == inMemoryAfter;
            });
        }

        var next = afterSequence + entries.Count;
        for (var i = (int)Math.Max(0, next - inMemoryAfter); i < state.Ledger.Count && entries.Count < limit; i++)
        {
            entries.Add(state.Ledger[i]);
        }

        return entries;
    }

    /// <summary>Applies the logged events after <paramref name="scratch"/>'s version up to <paramref name="toVersion"/>, until <paramref name="done"/> says so.</summary>
    private async Task ReplayAsync(AccountState scratch, long toVersion, Func<LedgerEntry, bool> done)
    {
        while (scratch.Version < toVersion)
        {
            var chunk = await log.ReadAsync(scratch.Version, (int)Math.Min(ChunkSize, toVersion - scratch.Version));
            if (chunk.Count == 0)
            {
                return;
            }

            foreach (var e in chunk)
            {
                if (e.Kind == AccountEventKind.LegPosted && scratch.FindLeg(e.OperationId) is null
                    && await LegBeforeAsync(e.OperationId, scratch.Version + 1) is { } leg)
                {
                    scratch.RestoreLeg(leg);
                }

                var entries = scratch.LedgerCount;
                scratch.Apply(e);
                if (scratch.LedgerCount > entries && done(scratch.Ledger[^1]))
                {
                    return;
                }
            }
        }
    }

    /// <summary>The leg of a transfer as the log's events of that transfer before <paramref name="version"/> leave it.</summary>
    private async Task<TransferLeg?> LegBeforeAsync(string transferId, long version)
    {
        var scratch = new AccountState();
        foreach (var found in await log.FindAsync(transferId))
        {
            if (found.Version < version && !IsOperation(found.Event.Kind))
            {
                scratch.Apply(found.Event);
            }
        }

        return scratch.FindLeg(transferId);
    }

    private static bool IsOperation(AccountEventKind kind) => kind
        is AccountEventKind.Opened or AccountEventKind.Deposited or AccountEventKind.Withdrawn
        or AccountEventKind.WithdrawalDeclined or AccountEventKind.Closed;
}
