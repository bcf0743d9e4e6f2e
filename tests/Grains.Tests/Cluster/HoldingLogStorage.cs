using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>
/// The bank's test storage, shared by every silo of a cluster, that can hold the appends of one grain: a test uses it
/// to keep an operation inside its silo, accepted but not yet durable, while that silo dies.
/// </summary>
public sealed class HoldingLogStorage : IGrainStorage, IEventLogStorage
{
    private readonly FlakyStorage _inner = new();
    private HeldAppend? _held;

    public bool GroupCommit => _inner.GroupCommit;

    /// <summary>Holds the next append of <paramref name="grainId"/> until <see cref="HeldAppend.Release"/>.</summary>
    public HeldAppend HoldNextAppendOf(GrainId grainId)
    {
        var held = new HeldAppend(grainId);
        Volatile.Write(ref _held, held);
        return held;
    }

    public Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId) => _inner.ReadAsync<TEvent>(logName, grainId);

    public async Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events)
    {
        if (Volatile.Read(ref _held) is { } held && held.GrainId == grainId && Interlocked.CompareExchange(ref _held, null, held) == held)
        {
            await held.WaitForReleaseAsync();
            try
            {
                await _inner.AppendAsync(logName, grainId, expectedVersion, events);
                held.OnLanded(null);
            }
            catch (Exception ex)
            {
                held.OnLanded(ex);
                throw;
            }

            return;
        }

        await _inner.AppendAsync(logName, grainId, expectedVersion, events);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _inner.ClearStateAsync(stateName, grainId, grainState);
}
