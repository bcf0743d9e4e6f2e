using System.Collections.Concurrent;
using System.Text.Json;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests;

/// <summary>
/// In-memory event logs and state records that a test can make fail, or hold, to check what the grain acknowledges.
/// Appends, state writes and clears all obey <see cref="FailWritesWith"/> and <see cref="HoldWrites"/>.
/// </summary>
public sealed class FlakyStorage : IGrainStorage, IEventLogStorage
{
    private readonly Dictionary<(string, GrainId), List<string>> _logs = [];
    private readonly Dictionary<(string, GrainId), (string Json, long Version)> _states = [];
    private readonly Dictionary<(string, GrainId), EventLogSnapshot> _snapshots = [];
    private long _nextStateVersion;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHeldWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _appendSizes = new();
    private readonly ConcurrentQueue<GrainId> _logsRead = new();
    private readonly TaskCompletionSource _releaseReads = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHeldRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public Exception? FailWritesWith { get; set; }

    /// <summary>When set, reads of event logs and their snapshots throw it.</summary>
    public Exception? FailLogReadsWith { get; set; }

    /// <summary>When set, reads of event logs and their snapshots wait for <see cref="ReleaseLogReads"/>.</summary>
    public bool HoldLogReads { get; set; }

    /// <summary>Completes when a held log read has begun.</summary>
    public Task LogReadHeld => _firstHeldRead.Task;

    /// <summary>Every grain whose log (or snapshot) was read, in order.</summary>
    public IReadOnlyList<GrainId> LogsRead => [.. _logsRead];

    /// <summary>Appends, snapshot writes, state writes and clears, whether they failed or not.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public bool HoldWrites { get; set; }

    public bool GroupCommit => true;

    /// <summary>Completes when a held write has begun.</summary>
    public Task WriteHeld => _firstHeldWrite.Task;

    /// <summary>Events stored per grain, for checking that a failed write left nothing behind.</summary>
    public int StoredEventCount(GrainId grainId)
    {
        lock (_logs)
        {
            return _logs.Where(l => l.Key.Item2 == grainId).Sum(l => l.Value.Count);
        }
    }

    /// <summary>How many events each append carried, in order.</summary>
    public IReadOnlyList<int> AppendSizes => [.. _appendSizes];

    public void ReleaseWrites() => _release.TrySetResult();

    public void ReleaseLogReads() => _releaseReads.TrySetResult();

    /// <summary>The version of the latest snapshot stored for a grain's log, or 0.</summary>
    public long SnapshotVersion(string logName, GrainId grainId)
    {
        lock (_snapshots)
        {
            return _snapshots.GetValueOrDefault((logName, grainId))?.Version ?? 0;
        }
    }

    public async Task<EventLogSnapshot?> ReadSnapshotAsync(string logName, GrainId grainId)
    {
        await ReadingLogAsync(grainId);
        lock (_snapshots)
        {
            return _snapshots.GetValueOrDefault((logName, grainId));
        }
    }

    /// <summary>Snapshots are not held or failed: they are best effort beside the appends, which the tests control.</summary>
    public Task WriteSnapshotAsync(string logName, GrainId grainId, long version, byte[] data)
    {
        Interlocked.Increment(ref _writes);
        lock (_snapshots)
        {
            if (_snapshots.GetValueOrDefault((logName, grainId)) is not { } stored || stored.Version < version)
            {
                _snapshots[(logName, grainId)] = new EventLogSnapshot(version, data);
            }
        }

        return Task.CompletedTask;
    }

    public async Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId)
    {
        await ReadingLogAsync(grainId);
        lock (_logs)
        {
            var events = _logs.TryGetValue((logName, grainId), out var log)
                ? log.Select(json => JsonSerializer.Deserialize<TEvent>(json)!).ToArray()
                : [];
            return new EventLogRead<TEvent>(events, events.Length);
        }
    }

    public async Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        _appendSizes.Enqueue(events.Count);
        await HoldOrFailAsync();
        lock (_logs)
        {
            if (!_logs.TryGetValue((logName, grainId), out var log))
            {
                log = _logs[(logName, grainId)] = [];
            }

            if (log.Count != expectedVersion)
            {
                throw new InconsistentStateException("version moved", log.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            }

            log.AddRange(events.Select(e => JsonSerializer.Serialize(e)));
        }
    }

    /// <summary>The stored value of a state record, or default when there is none: for checking what a write left.</summary>
    public T? StoredState<T>(string stateName, GrainId grainId)
    {
        lock (_states)
        {
            return _states.TryGetValue((stateName, grainId), out var record) ? JsonSerializer.Deserialize<T>(record.Json) : default;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_states)
        {
            if (_states.TryGetValue((stateName, grainId), out var record))
            {
                grainState.State = JsonSerializer.Deserialize<T>(record.Json)!;
                (grainState.ETag, grainState.RecordExists) = (ETag(record.Version), true);
            }
            else
            {
                (grainState.ETag, grainState.RecordExists) = (null, false);
            }
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await HoldOrFailAsync();
        var json = JsonSerializer.Serialize(grainState.State);
        lock (_states)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            var version = ++_nextStateVersion;
            _states[(stateName, grainId)] = (json, version);
            (grainState.ETag, grainState.RecordExists) = (ETag(version), true);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await HoldOrFailAsync();
        lock (_states)
        {
            CheckETag(stateName, grainId, grainState.ETag);
            _states.Remove((stateName, grainId));
            (grainState.ETag, grainState.RecordExists) = (null, false);
        }
    }

    private async Task ReadingLogAsync(GrainId grainId)
    {
        _logsRead.Enqueue(grainId);
        if (HoldLogReads)
        {
            _firstHeldRead.TrySetResult();
            await _releaseReads.Task;
        }

        if (FailLogReadsWith is { } failure)
        {
            throw failure;
        }
    }

    private async Task HoldOrFailAsync()
    {
        Interlocked.Increment(ref _writes);
        if (HoldWrites)
        {
            _firstHeldWrite.TrySetResult();
            await _release.Task;
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The same rule as every real provider: a write must carry the ETag of what is stored (null for nothing).</summary>
    private void CheckETag(string stateName, GrainId grainId, string? etag)
    {
        var stored = _states.TryGetValue((stateName, grainId), out var record) ? ETag(record.Version) : null;
        if (stored != etag)
        {
            throw new InconsistentStateException($"state '{stateName}' of {grainId} changed since it was read", stored, etag);
        }
    }

    private static string ETag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
