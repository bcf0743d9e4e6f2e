using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime.Tests.TestGrains;

/// <summary>Memory storage a test can pause (to see when a call is acknowledged) or make fail.</summary>
public sealed class ControllableStorage(Gates gates) : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();

    public bool HoldWrites { get; set; }

    public Exception? FailWritesWith { get; set; }

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
}
