namespace OrleansBank.Client.Race;

/// <summary>The race run three ways; serialized as the <c>race --json</c> output.</summary>
internal sealed record RaceReport(RaceOutcome RawThreads, RaceOutcome Lock, RaceOutcome Grains);
