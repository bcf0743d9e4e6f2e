using System.Collections.Concurrent;
using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests;

/// <summary>In-memory storage that a test can make fail, or hold, to check what the grain acknowledges.</summary>
public sealed class FlakyStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (string Json, int Version)> _records = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstHeldWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? FailWritesWith { get; set; }

    public bool HoldWrites { get; set; }

    /// <summary>Completes when a held write has begun.</summary>
    public Task WriteHeld => _firstHeldWrite.Task;

    public void ReleaseWrites() => _release.TrySetResult();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = System.Text.Json.JsonSerializer.Deserialize<T>(record.Json)!;
            grainState.ETag = record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (HoldWrites)
        {
            _firstHeldWrite.TrySetResult();
            await _release.Task;
        }

        if (FailWritesWith is { } failure)
        {
            throw failure;
        }

        var version = _records.TryGetValue((stateName, grainId), out var record) ? record.Version + 1 : 1;
        _records[(stateName, grainId)] = (System.Text.Json.JsonSerializer.Serialize(grainState.State), version);
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _records.TryRemove((stateName, grainId), out _);
        return Task.CompletedTask;
    }
}
