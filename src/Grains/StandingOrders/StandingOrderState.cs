namespace OrleansBank.Grains;

/// <summary>The stored shape of a standing order: a class with a parameterless constructor, as [PersistentState] needs.</summary>
public sealed class StandingOrderState
{
    /// <summary>Where the order is in its life.</summary>
    public StandingOrderStatus Status { get; set; }

    /// <summary>The debited account.</summary>
    public string From { get; set; } = "";

    /// <summary>The credited account.</summary>
    public string To { get; set; } = "";

    /// <summary>How much each execution moves.</summary>
    public decimal Amount { get; set; }

    /// <summary>The time between executions.</summary>
    public TimeSpan Every { get; set; }

    /// <summary>How many executions in all; null: until cancelled.</summary>
    public int? Count { get; set; }

    /// <summary>How many executions have run.</summary>
    public int Executed { get; set; }

    /// <summary>How many of them moved money.</summary>
    public int Posted { get; set; }

    /// <summary>The id of the last reminder tick acted on: a redelivery of it changes nothing.</summary>
    public string? LastTickId { get; set; }

    /// <summary>The transfer id of the last execution.</summary>
    public string? LastTransferId { get; set; }

    /// <summary>How the last execution ended.</summary>
    public TransferStatus? LastStatus { get; set; }

    /// <summary>Why the last execution was declined.</summary>
    public string? LastReason { get; set; }
}
