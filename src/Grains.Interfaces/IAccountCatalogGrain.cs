using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// The accounts the bank's store holds, read from storage: every account ever opened (closed ones too), whether or
/// not it is active. One per silo cluster, under the key <see cref="Key"/>.
/// </summary>
public interface IAccountCatalogGrain : IGrainWithStringKey
{
    /// <summary>The one key the catalog is reached under.</summary>
    const string Key = "all";

    /// <summary>
    /// Up to <paramref name="limit"/> (1 to <see cref="AccountList.MaxAccounts"/>) account ids that start with
    /// <paramref name="prefix"/> ("" for all) and sort after <paramref name="after"/> (null to start at the first),
    /// in ordinal order. Pass <see cref="AccountList.NextAfter"/> to read the next page.
    /// </summary>
    [ReadOnly]
    Task<AccountList> ListAccounts(string prefix, string? after, int limit);
}
