namespace OrleansBank.Runtime;

/// <summary>The events of one log as read, and its version (the number of events).</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <param name="Events">Oldest first: the events with versions <paramref name="AfterVersion"/> + 1, + 2, ….</param>
/// <param name="Version">The number of events in the whole log, whatever part of it was read.</param>
/// <param name="AfterVersion">The version the read started after; 0 for a read from the start.</param>
/// <param name="UnkeyedVersions">
/// Versions among those read whose row has no index key (written before the store had the column); the runtime fills
/// them in with <see cref="IEventLogStorage.IndexKeysAsync"/>. Null or empty when every row has its key.
/// </param>
public sealed record EventLogRead<TEvent>(IReadOnlyList<TEvent> Events, long Version, long AfterVersion = 0, IReadOnlyList<long>? UnkeyedVersions = null);
