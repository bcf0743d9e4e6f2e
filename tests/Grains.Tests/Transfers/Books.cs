using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>The bank's books over a set of accounts, for checking that transfers conserve money at every step.</summary>
internal static class Books
{
    /// <summary>
    /// The sum of balances plus the money in flight: a pending credit whose debit is already posted has left one
    /// balance and not yet reached the other. This total is the same at every moment, whatever step a transfer is at.
    /// </summary>
    public static async Task<decimal> TotalAsync(IGrainFactory grains, params string[] accounts)
    {
        var total = 0m;
        foreach (var id in accounts)
        {
            total += await grains.GetGrain<IAccountGrain>(id).GetBalance();
            foreach (var credit in (await grains.GetGrain<ITransferLegs>(id).GetPendingLegs()).Where(l => l.Direction == LegDirection.Credit))
            {
                var debits = await grains.GetGrain<ITransferLegs>(credit.Counterparty).GetPendingLegs();
                if (!debits.Any(d => d.TransferId == credit.TransferId))
                {
                    total += credit.Amount;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// All legs still pending on the accounts, plus one for each account whose available balance is not its balance:
    /// a reserve counted twice would leave money spoken for after every leg had settled.
    /// </summary>
    public static async Task<int> PendingAsync(IGrainFactory grains, params string[] accounts)
    {
        var count = 0;
        foreach (var id in accounts)
        {
            var legs = grains.GetGrain<ITransferLegs>(id);
            count += (await legs.GetPendingLegs()).Count;
            count += await legs.GetAvailableBalance() == await grains.GetGrain<IAccountGrain>(id).GetBalance() ? 0 : 1;
        }

        return count;
    }
}
