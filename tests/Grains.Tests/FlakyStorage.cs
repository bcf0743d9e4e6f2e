using System.Collections.Concurrent;
using System.Text.Json;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests;

/// <summary>In-memory event logs that a test can make fail, or hold, to check what the grain acknowledges.</summary>
public sealed class FlakyStorage : IGrainStorage, IEventLogStorage
{
    private readonly Dictionary<(string, GrainId), List<string>> _logs = [];
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHeldWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _appendSizes = new();

    public Exception? FailWritesWith { get; set; }

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

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId)
    {
        lock (_logs)
        {
            var events = _logs.TryGetValue((logName, grainId), out var log)
                ? log.Select(json => JsonSerializer.Deserialize<TEvent>(json)!).ToArray()
                : [];
            return Task.FromResult(new EventLogRead<TEvent>(events, events.Length));
        }
    }

    public async Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        _appendSizes.Enqueue(events.Count);
        if (HoldWrites)
        {
            _firstHeldWrite.TrySetResult();
            await _release.Task;
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }

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

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("The bank's grains keep event logs, not state records.");

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("The bank's grains keep event logs, not state records.");

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("The bank's grains keep event logs, not state records.");
}
