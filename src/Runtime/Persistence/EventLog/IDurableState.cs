namespace OrleansBank.Runtime.Persistence;

/// <summary>Grain state whose writes finish after the turn that made them; replies and deactivation wait for them.</summary>
internal interface IDurableState
{
    /// <summary>Completes once everything written so far is durable, or fails with the write's error; null when nothing is pending.</summary>
    Task? PendingWrites { get; }

    /// <summary>Completes when no write is in flight, whatever their outcome.</summary>
    Task SettleAsync();
}
