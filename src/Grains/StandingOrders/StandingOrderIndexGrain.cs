using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>The standing orders of one account: the ids, so that they can be listed without scanning every order.</summary>
[GrainType(GrainTypeName)]
public sealed class StandingOrderIndexGrain([PersistentState("standingorderindex")] IPersistentState<StandingOrderIndexState> index)
    : Grain, IStandingOrderIndexGrain
{
    /// <summary>The grain type of the indexes, which their stored records are filed under.</summary>
    public const string GrainTypeName = "standingorderindex";

    /// <inheritdoc/>
    public async Task Add(string orderId)
    {
        StandingOrderIds.Validate(orderId);
        var ids = index.State.OrderIds;
        var at = ids.BinarySearch(orderId, StringComparer.Ordinal);
        if (at >= 0)
        {
            return;
        }

        ids.Insert(~at, orderId);
        try
        {
            await index.WriteStateAsync();
        }
        catch
        {
            // The store refused: memory must not list what the store does not hold.
            ids.Remove(orderId);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. index.State.OrderIds]);
}
