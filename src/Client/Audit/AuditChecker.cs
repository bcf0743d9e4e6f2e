using OrleansBank.Grains;

namespace OrleansBank.Client.Audit;

/// <summary>After the workload: settles unknown outcomes, then reads every balance, pending leg and statement and checks the books.</summary>
internal sealed class AuditChecker(AuditSettings settings, AuditClients clients, AuditLedger ledger)
{
    public async Task<AuditReport> CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, t) in ledger.Transfers.Where(t => t.Value.Outcome is null).ToArray())
        {
            // Finished now if it was stopped midway (its reminder would do it too); null when nothing was recorded.
            var result = await AuditRetry.RunAsync(clients, 0, c => c.GetGrain<ITransferGrain>(id).ResumeAsync(), null, cancellationToken);
            ledger.Transfers[id] = (t.From, t.To, t.Amount, result?.Status);
        }

        var transfers = ledger.Transfers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var totalAfter = 0m;
        var pending = 0;
        for (var i = 0; i < settings.Accounts; i++)
        {
            var id = settings.AccountId(i);
            var balance = await AuditRetry.RunAsync(clients, i, c => c.GetGrain<IAccountGrain>(id).GetBalance(), null, cancellationToken);
            var legs = await AuditRetry.RunAsync(clients, i, c => c.GetGrain<ITransferLegs>(id).GetPendingLegs(), null, cancellationToken);
            totalAfter += balance;
            pending += legs.Count;
            ledger.SawBalance("The final read", id, balance);
            AuditStatementCheck.Check(id, await StatementAsync(i, id, cancellationToken), balance, transfers, ledger);
        }

        var totalBefore = settings.OpeningBalance * settings.Accounts;
        if (totalAfter != totalBefore)
        {
            ledger.Anomalies.Enqueue($"The total moved from {totalBefore} to {totalAfter}: money was {(totalAfter > totalBefore ? "created" : "lost")}.");
        }

        if (pending > 0)
        {
            ledger.Anomalies.Enqueue($"{pending} transfer leg(s) are still pending after every transfer was finished.");
        }

        return new AuditReport(
            settings.Accounts,
            transfers.Count,
            transfers.Values.Count(t => t.Outcome == TransferStatus.Posted),
            transfers.Values.Count(t => t.Outcome == TransferStatus.Declined),
            ledger.Retried,
            totalBefore,
            totalAfter,
            ledger.NegativeSeen,
            pending,
            [.. ledger.Anomalies]);
    }

    private async Task<List<LedgerEntry>> StatementAsync(int slot, string accountId, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>();
        var after = 0L;
        while (true)
        {
            var page = await AuditRetry.RunAsync(
                clients, slot, c => c.GetGrain<IAccountGrain>(accountId).GetStatementPage(after, StatementPage.MaxEntries), null, cancellationToken);
            entries.AddRange(page.Entries);
            if (!page.HasMore)
            {
                return entries;
            }

            after = page.NextAfter;
        }
    }
}
