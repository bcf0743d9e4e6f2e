using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>The standing orders that pay from or into one account, keyed by the account id.</summary>
public interface IStandingOrderIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds an order id; adding one already there changes nothing.</summary>
    Task Add(string orderId);

    /// <summary>The order ids, in ordinal order; an order may be finished or cancelled.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> List();
}
