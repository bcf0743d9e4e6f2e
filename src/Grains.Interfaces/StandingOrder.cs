namespace OrleansBank.Grains;

/// <summary>A standing order and how far it got.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="From">The debited account; empty when the id is unknown.</param>
/// <param name="To">The credited account; empty when the id is unknown.</param>
/// <param name="Amount">How much each execution moves.</param>
/// <param name="Every">The time between executions.</param>
/// <param name="Count">How many executions in all; null: until cancelled.</param>
/// <param name="Executed">How many executions have run (posted or declined).</param>
/// <param name="Posted">How many of them moved money.</param>
/// <param name="LastTransferId">The transfer id of the last execution, if any.</param>
/// <param name="LastStatus">How the last execution ended, if any.</param>
/// <param name="LastReason">Why the last execution was declined, if it was.</param>
public sealed record StandingOrder(
    string OrderId,
    StandingOrderStatus Status,
    string From,
    string To,
    decimal Amount,
    TimeSpan Every,
    int? Count,
    int Executed,
    int Posted,
    string? LastTransferId,
    TransferStatus? LastStatus,
    string? LastReason);
