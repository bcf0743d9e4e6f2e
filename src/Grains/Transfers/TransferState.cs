namespace OrleansBank.Grains;

/// <summary>A transfer as its events leave it.</summary>
/// <remarks>Only <see cref="Apply"/> changes it, both for new events and when an activation replays the stored log.</remarks>
public sealed class TransferState
{
    /// <summary>The last step recorded.</summary>
    public TransferStep Step { get; private set; }

    /// <summary>When the transfer was requested.</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The debited account.</summary>
    public string From { get; private set; } = "";

    /// <summary>The credited account.</summary>
    public string To { get; private set; } = "";

    /// <summary>How much.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Post or void, once decided.</summary>
    public TransferStatus? Decision { get; private set; }

    /// <summary>Why it was declined.</summary>
    public string? Reason { get; private set; }

    /// <summary>The debited account's balance after its leg settled, once completed.</summary>
    public decimal FromBalance { get; private set; }

    /// <summary>The credited account's balance after its leg settled, once completed.</summary>
    public decimal ToBalance { get; private set; }

    /// <summary>Applies one event; the same events in the same order always give the same state.</summary>
    public void Apply(TransferEvent e)
    {
        switch (e.Kind)
        {
            case TransferEventKind.Requested:
                (Step, From, To, Amount, RequestedAt) = (TransferStep.Requested, e.From ?? "", e.To ?? "", e.Amount, e.Timestamp);
                break;
            case TransferEventKind.Decided:
                (Step, Decision, Reason) = (TransferStep.Decided, e.Decision, e.Reason);
                break;
            case TransferEventKind.Completed:
                (Step, FromBalance, ToBalance) = (TransferStep.Completed, e.FromBalance, e.ToBalance);
                break;
            default:
                throw new InvalidOperationException($"Unknown transfer event kind {e.Kind}.");
        }
    }
}
