using OrleansBank.Runtime;

namespace OrleansBank.Tests.Persistence;

/// <summary>
/// The rules every provider that lists grain keys keeps; each provider's test class (one file each, in its project)
/// derives from this one. Each test uses a grain type of its own, so providers may share tables between tests.
/// </summary>
public abstract class GrainKeyListerContractTests : IAsyncLifetime
{
    private readonly string _type = $"t{Guid.NewGuid():N}";
    private readonly List<IGrainStorage> _opened = [];

    /// <summary>A fresh store that keeps state and event logs and lists keys.</summary>
    protected abstract IGrainStorage CreateStorage();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _opened.OfType<IAsyncDisposable>())
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task List_NothingStored_IsEmpty() =>
        Assert.Empty(await Lister(Open()).ListGrainKeysAsync(_type, "", null, 10));

    [Fact]
    public async Task List_LogsAndStates_EachGrainOnceInOrdinalOrderOfItsTypeOnly()
    {
        var storage = Open();
        await Log(storage, "bob");
        await Log(storage, "bob");
        await Log(storage, "Zed");
        await State(storage, "alice");
        await State(storage, "bob");
        await Log(storage, "carol", type: $"{_type}x");
        await Log(storage, "dave", type: "other");

        var keys = await Lister(storage).ListGrainKeysAsync(_type, "", null, 100);

        Assert.Equal(["Zed", "alice", "bob"], keys);
    }

    [Fact]
    public async Task List_Prefix_OnlyKeysThatStartWithIt()
    {
        var storage = Open();
        foreach (var key in new[] { "al", "alice", "alan", "bob", "Al", "a", "al%", "al_x" })
        {
            await Log(storage, key);
        }

        Assert.Equal(["al", "al%", "al_x", "alan", "alice"], await Lister(storage).ListGrainKeysAsync(_type, "al", null, 100));
        Assert.Equal(["al%"], await Lister(storage).ListGrainKeysAsync(_type, "al%", null, 100));
    }

    [Fact]
    public async Task List_AfterAndLimit_PageThroughEveryKeyOnce()
    {
        var storage = Open();
        var all = Enumerable.Range(0, 25).Select(i => $"k{i:D2}").ToArray();
        foreach (var key in all.Reverse())
        {
            await Log(storage, key);
        }

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Lister(storage).ListGrainKeysAsync(_type, "k", after, 10);
            Assert.True(page.Count <= 10, $"a page of {page.Count} keys for a limit of 10");
            seen.AddRange(page);
            if (page.Count < 10)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task List_AfterAKeyThatIsNotStored_StartsAtTheNextOne()
    {
        var storage = Open();
        await Log(storage, "a1");
        await Log(storage, "b1");

        Assert.Equal(["b1"], await Lister(storage).ListGrainKeysAsync(_type, "", "a2", 10));
    }

    private static IGrainKeyLister Lister(IGrainStorage storage) =>
        storage as IGrainKeyLister ?? throw new InvalidOperationException($"{storage.GetType().Name} does not list keys.");

    private IGrainStorage Open()
    {
        var storage = CreateStorage();
        _opened.Add(storage);
        return storage;
    }

    private async Task Log(IGrainStorage storage, string key, string? type = null)
    {
        var log = (IEventLogStorage)storage;
        var grain = new GrainId(type ?? _type, key);
        var version = (await log.ReadAsync<SampleEvent>("ledger", grain)).Version;
        await log.AppendAsync("ledger", grain, version, [new SampleEvent("deposit", 1m)]);
    }

    private async Task State(IGrainStorage storage, string key) =>
        await storage.WriteStateAsync("s", new GrainId(_type, key), new GrainState<SampleState>(new SampleState()));
}
