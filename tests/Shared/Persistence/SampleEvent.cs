namespace OrleansBank.Tests.Persistence;

/// <summary>An event the event log contract appends and reads back.</summary>
public sealed record SampleEvent(string Kind, decimal Amount);
