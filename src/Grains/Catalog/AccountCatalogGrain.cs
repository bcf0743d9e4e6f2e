using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// Lists accounts from the store the account grains write to, through its <see cref="IGrainKeyLister"/>: the runtime
/// knows only the accounts in memory, the store knows every one. It holds no state, so calls may interleave.
/// </summary>
[Reentrant]
public sealed class AccountCatalogGrain(IServiceProvider services) : Grain, IAccountCatalogGrain
{
    /// <inheritdoc/>
    public async Task<AccountList> ListAccounts(string prefix, string? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (limit is < 1 or > AccountList.MaxAccounts)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit must be from 1 to {AccountList.MaxAccounts:N0}.");
        }

        // One more than asked says whether there is a next page without a second query.
        var keys = await Lister().ListGrainKeysAsync(AccountGrain.GrainTypeName, prefix, after, limit + 1);
        var page = keys.Take(limit).ToArray();
        return new AccountList(page, page.Length > 0 ? page[^1] : after, keys.Count > limit);
    }

    private IGrainKeyLister Lister() =>
        services.GetKeyedService<IGrainStorage>(GrainStorage.DefaultProviderName) as IGrainKeyLister
        ?? throw new NotSupportedException($"The silo's grain storage '{GrainStorage.DefaultProviderName}' cannot list what it holds, so accounts cannot be listed.");
}
