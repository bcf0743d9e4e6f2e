namespace OrleansBank.Client.Race;

/// <summary>What one way of running the two withdrawals ended with.</summary>
internal sealed record RaceOutcome(IReadOnlyList<decimal> Approved, IReadOnlyList<decimal> Declined, decimal FinalBalance);
