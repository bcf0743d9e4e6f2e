using OrleansBank.Runtime;

namespace OrleansBank.Grains;

/// <summary>
/// A standing order, keyed by its order id (<see cref="StandingOrderIds"/>): a transfer repeated every period, by a
/// durable reminder, a given number of times or until cancelled.
/// </summary>
/// <remarks>
/// Execution k is the transfer <see cref="StandingOrderIds.TransferId"/>(order id, k), exactly once per id, and each
/// reminder tick is acted on once by its tick id: a tick delivered twice moves money once, and a silo dying between
/// ticks moves nothing. Needs a silo with a reminder service.
/// </remarks>
public interface IStandingOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the order: <paramref name="amount"/> from <paramref name="from"/> to <paramref name="to"/> every
    /// <paramref name="every"/> (at least 1 second), first after one period, <paramref name="count"/> times (null: until
    /// cancelled). The same order id with the same terms again returns the order; with other terms it throws
    /// <see cref="OperationIdConflictException"/>. Bad terms throw <see cref="ArgumentException"/>, an account not open
    /// an <see cref="AccountException"/>; nothing is created then.
    /// </summary>
    Task<StandingOrder> Create(string from, string to, decimal amount, TimeSpan every, int? count);

    /// <summary>Stops the order: no further execution starts. Cancelling a finished order returns it as it is.</summary>
    /// <exception cref="StandingOrderNotFoundException">No order has this id.</exception>
    Task<StandingOrder> Cancel();

    /// <summary>The order and how far it got; <see cref="StandingOrderStatus.None"/> when the id is unknown.</summary>
    [ReadOnly]
    Task<StandingOrder> GetOrder();
}
