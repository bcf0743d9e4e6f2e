using OrleansBank.Runtime;

namespace OrleansBank.Tests.Persistence;

/// <summary>The rules every event log provider keeps, with and without group commit; each provider's test class (one file each, in its project) derives from this one.</summary>
public abstract partial class EventLogContractTests : IAsyncLifetime
{
    private readonly List<IEventLogStorage> _opened = [];

    protected abstract IEventLogStorage CreateLogStorage();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _opened.OfType<IAsyncDisposable>())
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Read_NoLog_IsEmptyAtVersionZero()
    {
        var read = await Open().ReadAsync<SampleEvent>("ledger", NewGrain());

        Assert.Empty(read.Events);
        Assert.Equal(0, read.Version);
    }

    [Fact]
    public async Task Append_ThenRead_RoundTripsEventsInOrderWithExactDecimals()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, [new SampleEvent("deposit", 0.01m), new SampleEvent("deposit", 79_228_162_514_264.3375m)]);
        await storage.AppendAsync("ledger", grain, 2, [new SampleEvent("withdraw", 1_000_000_000.99m)]);

        var read = await storage.ReadAsync<SampleEvent>("ledger", grain);

        Assert.Equal(3, read.Version);
        Assert.Equal(
            [new SampleEvent("deposit", 0.01m), new SampleEvent("deposit", 79_228_162_514_264.3375m), new SampleEvent("withdraw", 1_000_000_000.99m)],
            read.Events);
    }

    [Fact]
    public async Task Append_StaleVersion_ThrowsAndAppendsNothing()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, [new SampleEvent("a", 1m)]);
        await storage.AppendAsync("ledger", grain, 1, [new SampleEvent("b", 2m)]);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.AppendAsync("ledger", grain, 1, [new SampleEvent("stale", 3m), new SampleEvent("stale", 4m)]));

        Assert.Contains("expected version 1", error.Message);
        var read = await storage.ReadAsync<SampleEvent>("ledger", grain);
        Assert.Equal(["a", "b"], read.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Append_VersionAheadOfTheLog_ThrowsAndAppendsNothing()
    {
        var storage = Open();
        var grain = NewGrain();

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.AppendAsync("ledger", grain, 5, [new SampleEvent("gap", 1m)]));

        Assert.Equal(0, (await storage.ReadAsync<SampleEvent>("ledger", grain)).Version);
    }

    [Fact]
    public async Task Append_NoEvents_IsRefusedAsAnArgumentError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Open().AppendAsync<SampleEvent>("ledger", NewGrain(), 0, []));
    }

    [Fact]
    public async Task Logs_AreSeparateByNameAndGrain()
    {
        var storage = Open();
        var (a, b) = (NewGrain(), NewGrain());
        await storage.AppendAsync("ledger", a, 0, [new SampleEvent("a-ledger", 1m)]);
        await storage.AppendAsync("audit", a, 0, [new SampleEvent("a-audit", 2m)]);
        await storage.AppendAsync("ledger", b, 0, [new SampleEvent("b-ledger", 3m)]);

        Assert.Equal("a-ledger", Assert.Single((await storage.ReadAsync<SampleEvent>("ledger", a)).Events).Kind);
        Assert.Equal("a-audit", Assert.Single((await storage.ReadAsync<SampleEvent>("audit", a)).Events).Kind);
        Assert.Equal("b-ledger", Assert.Single((await storage.ReadAsync<SampleEvent>("ledger", b)).Events).Kind);
    }

    [Fact]
    public async Task Appends_ToManyLogsAtOnce_AllLandOnlyOnceAndInOrder()
    {
        var storage = Open();
        var grains = Enumerable.Range(0, 200).Select(_ => NewGrain()).ToArray();

        // Started together, so with group commit they share transactions; each log then appends again.
        await Task.WhenAll(grains.Select(g => storage.AppendAsync("ledger", g, 0, [new SampleEvent("first", 1m)])));
        await Task.WhenAll(grains.Select(g => storage.AppendAsync("ledger", g, 1, [new SampleEvent("second", 2m), new SampleEvent("third", 3m)])));

        foreach (var grain in grains)
        {
            var read = await storage.ReadAsync<SampleEvent>("ledger", grain);
            Assert.Equal(["first", "second", "third"], read.Events.Select(e => e.Kind));
        }
    }

    [Fact]
    public async Task Appends_RacingForTheSameVersion_ExactlyOneWinsAndOthersInTheBatchAreUnharmed()
    {
        var storage = Open();
        var contested = NewGrain();
        var bystanders = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToArray();

        var racers = Enumerable.Range(0, 5)
            .Select(i => storage.AppendAsync("ledger", contested, 0, [new SampleEvent($"racer-{i}", i)]))
            .ToArray();
        var others = bystanders.Select(g => storage.AppendAsync("ledger", g, 0, [new SampleEvent("bystander", 1m)])).ToArray();
        await Task.WhenAll(others);
        var outcomes = await Task.WhenAll(racers.Select(async r =>
        {
            try
            {
                await r;
                return "won";
            }
            catch (InconsistentStateException)
            {
                return "refused";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "won"));
        var read = await storage.ReadAsync<SampleEvent>("ledger", contested);
        Assert.Equal($"racer-{Array.IndexOf(outcomes, "won")}", Assert.Single(read.Events).Kind);
        foreach (var grain in bystanders)
        {
            Assert.Equal(1, (await storage.ReadAsync<SampleEvent>("ledger", grain)).Version);
        }
    }

    private static GrainId NewGrain() => new("account", Guid.NewGuid().ToString("N"));

    private IEventLogStorage Open()
    {
        var storage = CreateLogStorage();
        _opened.Add(storage);
        return storage;
    }
}
