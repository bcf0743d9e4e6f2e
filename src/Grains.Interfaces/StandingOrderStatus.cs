namespace OrleansBank.Grains;

/// <summary>Where a standing order is in its life.</summary>
public enum StandingOrderStatus
{
    /// <summary>No order has this id.</summary>
    None,

    /// <summary>Executes at every tick of its reminder.</summary>
    Active,

    /// <summary>Ran all its executions.</summary>
    Completed,

    /// <summary>Stopped by a cancel.</summary>
    Cancelled,
}
