namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IJournalGrain : IGrainWithStringKey
{
    /// <summary>Appends an item and returns the log's version; records "turn {item}" and raises it as a signal.</summary>
    Task<long> Add(string item);

    [ReadOnly]
    Task<string[]> Items();
}

/// <summary>A grain whose state is an event log of strings.</summary>
public sealed class JournalGrain([PersistentLog("items")] IPersistentLog<string> log, Gates gates) : Grain, IJournalGrain
{
    private readonly List<string> _items = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Replay(_items.Add);
        return Task.CompletedTask;
    }

    public Task<long> Add(string item)
    {
        _ = log.Append(item);
        _items.Add(item);
        gates.Record($"turn {item}");
        gates.Raise($"turn {item}");
        return Task.FromResult(log.Version);
    }

    public Task<string[]> Items() => Task.FromResult(_items.ToArray());
}
