namespace OrleansBank.Runtime;

/// <summary>Provider SPI: the latest snapshot stored for a log, as the store keeps it (opaque bytes, checksummed by the runtime).</summary>
/// <param name="Version">The log version the snapshot covers: the state after events 1 to this.</param>
/// <param name="Data">The framed snapshot, as given to <see cref="IEventLogStorage.WriteSnapshotAsync"/>.</param>
public sealed record EventLogSnapshot(long Version, byte[] Data);
