using OrleansBank.Grains;

namespace OrleansBank.Client.Audit;

/// <summary>The checks on one account's statement: each entry follows from the one before, and each transfer entry from a transfer that posted.</summary>
internal static class AuditStatementCheck
{
    /// <summary>
    /// Checks the entries step by step (sequence 1, 2, 3…; each balance the previous plus or minus the amount; never below
    /// zero; the last balance the account's), and that the account's transfer entries are exactly one per posted
    /// transfer of <paramref name="transfers"/> that touches it, on the right side.
    /// </summary>
    public static void Check(
        string accountId,
        IReadOnlyList<LedgerEntry> entries,
        decimal balance,
        IReadOnlyDictionary<string, (string From, string To, decimal Amount, TransferStatus? Outcome)> transfers,
        AuditLedger ledger)
    {
        var running = 0m;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1)
            {
                ledger.Anomalies.Enqueue($"Account '{accountId}': entry {i + 1} has sequence {e.Sequence}.");
            }

            running += e.Kind is LedgerEntryKind.Deposit or LedgerEntryKind.TransferIn ? e.Amount : -e.Amount;
            if (e.BalanceAfter != running)
            {
                ledger.Anomalies.Enqueue($"Account '{accountId}': entry {e.Sequence} ({e.Kind} {e.Amount}) says the balance became {e.BalanceAfter}; the entries before it give {running}.");
                running = e.BalanceAfter;
            }

            ledger.SawBalance($"Statement entry {e.Sequence}", accountId, e.BalanceAfter);
            if (e.Kind is LedgerEntryKind.TransferIn or LedgerEntryKind.TransferOut)
            {
                CheckTransferEntry(accountId, e, transfers, ledger);
                seen[e.TransferId ?? ""] = seen.GetValueOrDefault(e.TransferId ?? "") + 1;
            }
        }

        if (running != balance)
        {
            ledger.Anomalies.Enqueue($"Account '{accountId}': its entries add up to {running}, its balance is {balance}.");
        }

        foreach (var (id, t) in transfers)
        {
            var touches = t.From == accountId || t.To == accountId;
            var expected = touches && t.Outcome == TransferStatus.Posted ? 1 : 0;
            if (touches && seen.GetValueOrDefault(id) != expected)
            {
                ledger.Anomalies.Enqueue($"Transfer '{id}' ({t.Outcome?.ToString().ToLowerInvariant() ?? "no outcome"}) has {seen.GetValueOrDefault(id)} entries on account '{accountId}'; expected {expected}.");
            }
        }
    }

    private static void CheckTransferEntry(
        string accountId,
        LedgerEntry e,
        IReadOnlyDictionary<string, (string From, string To, decimal Amount, TransferStatus? Outcome)> transfers,
        AuditLedger ledger)
    {
        if (e.TransferId is null || !transfers.TryGetValue(e.TransferId, out var t))
        {
            ledger.Anomalies.Enqueue($"Account '{accountId}': entry {e.Sequence} is transfer '{e.TransferId}', which this audit never sent.");
            return;
        }

        var (side, other) = e.Kind == LedgerEntryKind.TransferOut ? (t.From, t.To) : (t.To, t.From);
        if (side != accountId || e.Counterparty != other || e.Amount != t.Amount)
        {
            ledger.Anomalies.Enqueue($"Account '{accountId}': entry {e.Sequence} ({e.Kind} {e.Amount} with '{e.Counterparty}') does not match transfer '{e.TransferId}' of {t.Amount} from '{t.From}' to '{t.To}'.");
        }
    }
}
