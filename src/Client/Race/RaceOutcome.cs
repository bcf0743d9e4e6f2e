namespace OrleansBank.Client.Race;

/// <summary>What one way of running the two withdrawals ended with.</summary>
internal sealed record RaceOutcome(IReadOnlyList<decimal> Approved, IReadOnlyList<decimal> Declined, decimal FinalBalance);

/// <summary>The race run three ways; serialized as the <c>race --json</c> output.</summary>
internal sealed record RaceReport(RaceOutcome RawThreads, RaceOutcome Lock, RaceOutcome Grains);
