namespace OrleansBank.Runtime;

/// <summary>The events of one log as read, and its version (the number of events).</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <param name="Events">Oldest first.</param>
/// <param name="Version">The number of events.</param>
public sealed record EventLogRead<TEvent>(IReadOnlyList<TEvent> Events, long Version);
