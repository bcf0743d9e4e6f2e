using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>A grain store that keeps nothing and can be switched off: then every call fails as an unreachable database does.</summary>
internal sealed class SwitchableStore : IGrainStorage, IEventLogStorage
{
    private volatile bool _down;

    public bool GroupCommit => true;

    public void GoDown() => _down = true;

    public void ComeBack() => _down = false;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Answer();

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Answer();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Answer();

    public async Task<EventLogRead<TEvent>> ReadAsync<TEvent>(string logName, GrainId grainId)
    {
        await Answer();
        return new EventLogRead<TEvent>([], 0);
    }

    public Task AppendAsync<TEvent>(string logName, GrainId grainId, long expectedVersion, IReadOnlyList<TEvent> events) => Answer();

    private Task Answer() => _down
        ? Task.FromException(new GrainStorageException("The test database at 127.0.0.1:1 is unreachable: connection refused."))
        : Task.CompletedTask;
}
