using OrleansBank.Runtime;

namespace OrleansBank.Tests.Persistence;

/// <summary>The rules every storage provider keeps; each provider's test class (one file each, in its project) derives from this one.</summary>
public abstract class GrainStorageContractTests
{
    private static readonly GrainId Grain = new("account", Guid.NewGuid().ToString("N"));

    protected abstract IGrainStorage CreateStorage();

    private static GrainState<SampleState> Blank() => new(new SampleState());

    [Fact]
    public async Task Read_NoRecord_ReportsNoneAndNoETag()
    {
        var storage = CreateStorage();
        var state = Blank();

        await storage.ReadStateAsync("s", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Write_ThenRead_RoundTripsValueAndETag()
    {
        var storage = CreateStorage();
        var written = new GrainState<SampleState>(new SampleState { Balance = 12.34m, Notes = ["a", "b"] });
        await storage.WriteStateAsync("s", Grain, written);

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);

        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(12.34m, read.State.Balance);
        Assert.Equal(["a", "b"], read.State.Notes);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsAndKeepsNewerData()
    {
        var storage = CreateStorage();
        var first = Blank();
        await storage.WriteStateAsync("s", Grain, first);
        var stale = new GrainState<SampleState>(new SampleState { Balance = 1m }) { ETag = first.ETag };
        first.State = new SampleState { Balance = 2m };
        await storage.WriteStateAsync("s", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, stale));

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal(2m, read.State.Balance);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_NoETagButRecordExists_Throws()
    {
        var storage = CreateStorage();
        await storage.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState { Balance = 5m }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState { Balance = 6m })));

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal(5m, read.State.Balance);
    }

    [Fact]
    public async Task Write_ETagButNoRecord_Throws()
    {
        var storage = CreateStorage();

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState()) { ETag = "7" }));
    }

    [Fact]
    public async Task Clear_CurrentETag_RemovesRecord()
    {
        var storage = CreateStorage();
        var state = Blank();
        await storage.WriteStateAsync("s", Grain, state);

        await storage.ClearStateAsync("s", Grain, state);

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.False(read.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Clear_NoETagButRecordExists_ThrowsAndKeepsRecord()
    {
        var storage = CreateStorage();
        await storage.WriteStateAsync("s", Grain, Blank());

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", Grain, Blank()));

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clear_ThenWriteAgain_OldETagNoLongerMatches()
    {
        var storage = CreateStorage();
        var first = Blank();
        await storage.WriteStateAsync("s", Grain, first);
        var old = first.ETag;
        await storage.ClearStateAsync("s", Grain, first);
        await storage.WriteStateAsync("s", Grain, Blank());

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState()) { ETag = old }));
    }

    [Fact]
    public async Task Clear_StaleETag_ThrowsAndKeepsRecord()
    {
        var storage = CreateStorage();
        var state = Blank();
        await storage.WriteStateAsync("s", Grain, state);
        var stale = Blank();
        stale.ETag = state.ETag;
        await storage.WriteStateAsync("s", Grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("s", Grain, stale));

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Records_DifferentStateNamesAndGrains_AreIndependent()
    {
        var storage = CreateStorage();
        var other = new GrainId("account", "other");
        await storage.WriteStateAsync("s", Grain, new GrainState<SampleState>(new SampleState { Balance = 1m }));
        await storage.WriteStateAsync("t", Grain, new GrainState<SampleState>(new SampleState { Balance = 2m }));
        await storage.WriteStateAsync("s", other, new GrainState<SampleState>(new SampleState { Balance = 3m }));

        var reads = new[] { ("s", Grain), ("t", Grain), ("s", other) };
        var balances = new List<decimal>();
        foreach (var (name, grain) in reads)
        {
            var read = Blank();
            await storage.ReadStateAsync(name, grain, read);
            balances.Add(read.State.Balance);
        }

        Assert.Equal([1m, 2m, 3m], balances);
    }

    [Fact]
    public async Task Write_ManyWritersWithSameETag_ExactlyOneWins()
    {
        var storage = CreateStorage();
        var start = Blank();
        await storage.WriteStateAsync("s", Grain, start);
        var writers = Enumerable.Range(1, 16)
            .Select(i => new GrainState<SampleState>(new SampleState { Balance = i }) { ETag = start.ETag })
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync("s", Grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(o => o));
        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal(writers[Array.IndexOf(outcomes, true)].State.Balance, read.State.Balance);
    }

    [Fact]
    public async Task Read_AfterWrite_DoesNotShareObjectsWithTheCaller()
    {
        var storage = CreateStorage();
        var written = new GrainState<SampleState>(new SampleState { Notes = ["kept"] });
        await storage.WriteStateAsync("s", Grain, written);
        written.State.Notes.Add("not written");

        var read = Blank();
        await storage.ReadStateAsync("s", Grain, read);

        Assert.Equal(["kept"], read.State.Notes);
    }
}
