using System.Collections.Concurrent;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime.Tests.TestGrains;

/// <summary>Memory storage a test can pause (to see when a call is acknowledged) or make fail.</summary>
public sealed class ControllableStorage(Gates gates) : IGrainStorage, IEventLogStorage
{
    private readonly MemoryGrainStorage _inner = new();
    private readonly ConcurrentQueue<int> _appendSizes = new();
    private int _appends;

    public bool HoldWrites { get; set; }

    /// <summary>Holds each append until the test raises "append-release-N"; "append-entered-N" says it has begun.</summary>
    public bool HoldAppends { get; set; }

    public Exception? FailWritesWith { get; set; }

    public bool GroupCommit => true;

    /// <summary>How many events each append carried, in order.</summary>
    public IReadOnlyList<int> AppendSizes => [.. _appendSizes];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (HoldWrites)
        {
            gates.Raise("write-entered");
            await gates.Signal("write-release").Task;
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }

        await _inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ClearStateAsync(stateName, grainId, grainState);

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => _inner.ReadAsync<TEvent>(logName, grainId);

    public async Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        var number = Interlocked.Increment(ref _appends);
        _appendSizes.Enqueue(events.Count);
        if (HoldAppends)
        {
            gates.Raise($"append-entered-{number}");
            await gates.Signal($"append-release-{number}").Task;
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }

        await _inner.AppendAsync(logName, grainId, expectedVersion, events);
    }
}
