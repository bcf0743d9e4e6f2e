using OrleansBank.Runtime;

namespace OrleansBank.Tests.Persistence;

/// <summary>An event the event log contract appends with an index key (an operation id).</summary>
public sealed record SampleKeyedEvent(string Kind, decimal Amount, string? OperationId) : IKeyedEvent
{
    string? IKeyedEvent.EventKey => OperationId;
}
