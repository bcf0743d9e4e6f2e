namespace OrleansBank.Runtime;

/// <summary>An event with its place in the log.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <param name="Version">The log's version right after this event: the first event has version 1.</param>
/// <param name="Event">The event.</param>
public sealed record VersionedEvent<TEvent>(long Version, TEvent Event);
