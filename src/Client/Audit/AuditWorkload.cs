using OrleansBank.Grains;

namespace OrleansBank.Client.Audit;

/// <summary>The audit's traffic: opens the accounts, then runs random transfers and balance reads from several connections at once.</summary>
internal sealed class AuditWorkload(AuditSettings settings, AuditClients clients, AuditLedger ledger)
{
    private long _next;

    /// <summary>Opens every account with the opening balance; an account already open from this prefix is an error.</summary>
    public async Task OpenAccountsAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, settings.Accounts).Select(i => AuditRetry.RunAsync(
            clients,
            i,
            c => c.GetGrain<IAccountGrain>(settings.AccountId(i)).Open("audit", settings.OpeningBalance, $"{settings.AccountId(i)}-open"),
            null,
            cancellationToken)));
    }

    /// <summary>Runs until the transfer count or the duration is reached; returns how many transfers were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var deadline = settings.Duration is { } d ? DateTime.UtcNow + d : DateTime.MaxValue;
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(w => Task.Run(() => WorkerAsync(w, deadline, cancellationToken), cancellationToken)));
        return ledger.Transfers.Count;
    }

    private async Task WorkerAsync(int worker, DateTime deadline, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(settings.Prefix, worker));
        while (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            var n = Interlocked.Increment(ref _next) - 1;
            if (settings.Transfers is { } total && n >= total)
            {
                return;
            }

            var from = random.Next(settings.Accounts);
            var to = (from + 1 + random.Next(settings.Accounts - 1)) % settings.Accounts;
            // Up to a third of an opening balance, in cents: enough that some transfers are declined.
            var amount = random.Next(1, (int)(settings.OpeningBalance * 100m / 3m)) / 100m;
            await TransferAsync(worker, settings.TransferId(n), settings.AccountId(from), settings.AccountId(to), amount, cancellationToken);
            if (n % 2 == 0)
            {
                var read = settings.AccountId(random.Next(settings.Accounts));
                var balance = await AuditRetry.RunAsync(clients, worker, c => c.GetGrain<IAccountGrain>(read).GetBalance(), null, cancellationToken);
                ledger.SawBalance("A balance read", read, balance);
            }
        }
    }

    private async Task TransferAsync(int worker, string id, string from, string to, decimal amount, CancellationToken cancellationToken)
    {
        ledger.Transfers[id] = (from, to, amount, null);
        try
        {
            var result = await AuditRetry.RunAsync(
                clients, worker, c => c.GetGrain<ITransferGrain>(id).Transfer(from, to, amount), ledger.CountRetry, cancellationToken);
            ledger.Transfers[id] = (from, to, amount, result.Status);
            if (result.Status == TransferStatus.Posted)
            {
                ledger.SawBalance($"Transfer '{id}'", from, result.FromBalance);
                ledger.SawBalance($"Transfer '{id}'", to, result.ToBalance);
            }
        }
        catch (AccountException e)
        {
            // Both accounts are open and the terms valid: the bank has no reason to refuse.
            ledger.Anomalies.Enqueue($"Transfer '{id}' was refused: {e.Message}");
        }
        catch (Exception e) when (AuditRetry.IsUnknownOutcome(e))
        {
            // Unanswered after every retry: its outcome stays unknown here, and the checker asks the bank for it.
        }
    }
}
