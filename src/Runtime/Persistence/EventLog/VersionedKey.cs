namespace OrleansBank.Runtime;

/// <summary>Provider SPI: the index key of the event at a version of a log.</summary>
/// <param name="Version">The event's version.</param>
/// <param name="Key">Its <see cref="IKeyedEvent.EventKey"/>.</param>
public readonly record struct VersionedKey(long Version, string Key);
