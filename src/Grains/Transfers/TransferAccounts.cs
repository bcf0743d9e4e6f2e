using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>What a transfer (or a standing order) checks of its accounts before it records anything.</summary>
internal static class TransferAccounts
{
    /// <summary>Throws <see cref="AccountNotOpenException"/> or <see cref="AccountClosedException"/> unless the account is open.</summary>
    public static async Task EnsureOpenAsync(IGrainFactory grains, string accountId)
    {
        switch (await grains.GetGrain<ITransferLegs>(accountId).GetAccountStatus())
        {
            case AccountStatus.NotOpened:
                throw new AccountNotOpenException(accountId);
            case AccountStatus.Closed:
                throw new AccountClosedException(accountId);
        }
    }
}
