using Microsoft.Extensions.Logging;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Snapshots and reads of old events. A snapshot is trusted only if its checksum holds and the log has every event it
/// claims, so it can never hide an event; otherwise the whole log is replayed. Snapshots are written after the appends
/// they cover are durable, one at a time, outside the append path: a failed one costs a longer replay, nothing else.
/// </summary>
internal sealed partial class PersistentLog<TEvent>
{
    private EventLogSnapshot? _loadedSnapshot;
    private Func<byte[]>? _capture;
    private long _snapshotVersion;
    private EventLogSnapshot? _pendingSnapshot;
    private bool _writingSnapshot;

    public async Task ReplayAsync<TSnapshot>(Action<TSnapshot> restore, Action<TEvent> apply, Func<TSnapshot> capture)
    {
        var snapshot = _loadedSnapshot;
        var events = _recovered ?? [];
        (_loadedSnapshot, _recovered) = (null, null);
        if (snapshot is not null)
        {
            if (TryDeserialize<TSnapshot>(snapshot.Data) is { } state)
            {
                restore(state);
                _snapshotVersion = snapshot.Version;
            }
            else
            {
                // Its checksum held but it does not fit the grain's snapshot type (a changed type): start from nothing.
                LogSnapshotIgnored(logger, logName, grainId, snapshot.Version, "it does not deserialize as " + typeof(TSnapshot).Name);
                var full = await storage.ReadAsync<TEvent>(logName, grainId);
                await IndexUnkeyedAsync(full);
                lock (_lock)
                {
                    _version = _confirmedVersion = full.Version;
                }

                events = full.Events;
            }
        }

        foreach (var @event in events)
        {
            apply(@event);
        }

        _capture = () => GrainStateRecord.Serialize(capture());
    }

    public async Task<IReadOnlyList<VersionedEvent<TEvent>>> FindAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pending = Pending(q => (q.Event as IKeyedEvent)?.EventKey == key);
        var stored = await storage.FindAsync<TEvent>(logName, grainId, key);
        return Merge(stored, pending);
    }

    public async Task<IReadOnlyList<TEvent>> ReadAsync(long afterVersion, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var pending = Pending(q => q.Version > afterVersion && q.Version <= afterVersion + maxCount);
        var read = await storage.ReadAsync<TEvent>(logName, grainId, afterVersion, maxCount);
        var stored = read.Events.Select((e, i) => new VersionedEvent<TEvent>(afterVersion + i + 1, e)).ToArray();
        return Merge(stored, pending).Select(v => v.Event).ToArray();
    }

    /// <summary>The latest trustworthy snapshot (payload unwrapped) and the events after it; without one, the whole log.</summary>
    private async Task<(EventLogSnapshot? Snapshot, EventLogRead<TEvent> Read)> ReadStartAsync()
    {
        if (await storage.ReadSnapshotAsync(logName, grainId) is { } stored)
        {
            if (SnapshotFrame.Open(stored.Data) is not { } payload)
            {
                LogSnapshotIgnored(logger, logName, grainId, stored.Version, "its checksum does not match (a torn or damaged write)");
            }
            else
            {
                var after = await storage.ReadAsync<TEvent>(logName, grainId, stored.Version, int.MaxValue);
                if (after.Version >= stored.Version)
                {
                    return (new EventLogSnapshot(stored.Version, payload), after);
                }

                LogSnapshotIgnored(logger, logName, grainId, stored.Version, $"the log has only {after.Version} events");
            }
        }

        return (null, await storage.ReadAsync<TEvent>(logName, grainId));
    }

    /// <summary>Rows stored before the key column get their keys now, so a lookup by key misses nothing.</summary>
    private async Task IndexUnkeyedAsync(EventLogRead<TEvent> read)
    {
        if (read.UnkeyedVersions is not { Count: > 0 } unkeyed)
        {
            return;
        }

        var keys = new List<VersionedKey>();
        foreach (var version in unkeyed)
        {
            if ((read.Events[(int)(version - read.AfterVersion - 1)] as IKeyedEvent)?.EventKey is { } key)
            {
                keys.Add(new VersionedKey(version, key));
            }
        }

        if (keys.Count > 0)
        {
            await storage.IndexKeysAsync(logName, grainId, keys);
        }
    }

    /// <summary>On the grain's turn, before an append counts its event: everything appended so far is in the grain's state.</summary>
    private void CaptureIfDue()
    {
        long version;
        lock (_lock)
        {
            if (_capture is null || options.SnapshotEvery == 0 || _broken is not null || _version - _snapshotVersion < options.SnapshotEvery)
            {
                return;
            }

            version = _snapshotVersion = _version;
        }

        var data = SnapshotFrame.Wrap(_capture());
        EventLogSnapshot? ready;
        lock (_lock)
        {
            _pendingSnapshot = new EventLogSnapshot(version, data);
            ready = TakeConfirmedSnapshot();
        }

        if (ready is not null)
        {
            _ = WriteSnapshotAsync(ready);
        }
    }

    /// <summary>Under the lock: the pending snapshot once every event it covers is durable and no other is being written.</summary>
    private EventLogSnapshot? TakeConfirmedSnapshot()
    {
        if (_pendingSnapshot is not { } pending || _writingSnapshot || _confirmedVersion < pending.Version)
        {
            return null;
        }

        (_pendingSnapshot, _writingSnapshot) = (null, true);
        return pending;
    }

    private async Task WriteSnapshotAsync(EventLogSnapshot snapshot)
    {
        while (true)
        {
            try
            {
                await storage.WriteSnapshotAsync(logName, grainId, snapshot.Version, snapshot.Data);
            }
            catch (Exception ex)
            {
                LogSnapshotNotWritten(logger, ex, logName, grainId, snapshot.Version);
            }

            lock (_lock)
            {
                _writingSnapshot = false;
                if (TakeConfirmedSnapshot() is not { } next)
                {
                    return;
                }

                snapshot = next;
            }
        }
    }

    private List<VersionedEvent<TEvent>> Pending(Func<Queued, bool> match)
    {
        lock (_lock)
        {
            return (_inFlight ?? []).Concat(_queue).Where(match).Select(q => new VersionedEvent<TEvent>(q.Version, q.Event)).ToList();
        }
    }

    /// <summary>Events still in memory when the lookup started may have become durable meanwhile: each version counts once.</summary>
    private static VersionedEvent<TEvent>[] Merge(IReadOnlyList<VersionedEvent<TEvent>> stored, List<VersionedEvent<TEvent>> pending)
    {
        if (pending.Count == 0)
        {
            return [.. stored];
        }

        var seen = stored.Select(v => v.Version).ToHashSet();
        return [.. stored.Concat(pending.Where(p => !seen.Contains(p.Version))).OrderBy(v => v.Version)];
    }

    private static TSnapshot? TryDeserialize<TSnapshot>(byte[] payload)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<TSnapshot>(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return default;
        }
        catch (NotSupportedException)
        {
            return default;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Snapshot of log '{LogName}' of {GrainId} at version {Version} ignored: {Reason}; the whole log is replayed.")]
    private static partial void LogSnapshotIgnored(ILogger logger, string logName, GrainId grainId, long version, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Snapshot of log '{LogName}' of {GrainId} at version {Version} not written; the next activation replays more events.")]
    private static partial void LogSnapshotNotWritten(ILogger logger, Exception error, string logName, GrainId grainId, long version);
}
