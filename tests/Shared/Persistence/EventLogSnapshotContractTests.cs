using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Persistence;
using OrleansBank.TestingHost;

namespace OrleansBank.Tests.Persistence;

/// <summary>
/// The snapshot, range and key rules every event log provider keeps, checked through the runtime's log where the rule
/// is the log's (a snapshot never hides an event; a damaged one is ignored). Part of <see cref="EventLogContractTests"/>.
/// </summary>
public abstract partial class EventLogContractTests
{
    [Fact]
    public async Task ReadAfter_ReturnsOnlyLaterEventsAndTheWholeLogsVersion()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, Enumerable.Range(1, 5).Select(i => new SampleEvent($"e{i}", i)).ToArray());

        var middle = await storage.ReadAsync<SampleEvent>("ledger", grain, 2, 2);
        var end = await storage.ReadAsync<SampleEvent>("ledger", grain, 5, 10);
        var beyond = await storage.ReadAsync<SampleEvent>("ledger", grain, 9, 10);

        Assert.Equal(["e3", "e4"], middle.Events.Select(e => e.Kind));
        Assert.Equal((5L, 2L), (middle.Version, middle.AfterVersion));
        Assert.Empty(end.Events);
        Assert.Equal(5, end.Version);
        Assert.Empty(beyond.Events);
        Assert.Equal(5, beyond.Version);
    }

    [Fact]
    public async Task Find_ByKey_ReturnsEveryEventWithThatKeyAndItsVersion()
    {
        var storage = Open();
        var (grain, other) = (NewGrain(), NewGrain());
        await storage.AppendAsync("ledger", grain, 0, [new SampleKeyedEvent("reserve", 5m, "t-1"), new SampleKeyedEvent("deposit", 1m, "op-1")]);
        await storage.AppendAsync("ledger", grain, 2, [new SampleKeyedEvent("none", 2m, null), new SampleKeyedEvent("post", 5m, "t-1")]);
        await storage.AppendAsync("ledger", other, 0, [new SampleKeyedEvent("elsewhere", 9m, "t-1")]);

        var found = await storage.FindAsync<SampleKeyedEvent>("ledger", grain, "t-1");

        Assert.Equal([(1L, "reserve"), (4L, "post")], found.Select(f => (f.Version, f.Event.Kind)));
        Assert.Empty(await storage.FindAsync<SampleKeyedEvent>("ledger", grain, "op-unknown"));
    }

    [Fact]
    public async Task Snapshots_ManyWritten_TheLatestIsKeptAndAnOlderOneNeverReplacesIt()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.WriteSnapshotAsync("ledger", grain, 2, [2]);
        await storage.WriteSnapshotAsync("ledger", grain, 5, [5]);
        await storage.WriteSnapshotAsync("ledger", grain, 3, [3]);

        var stored = await storage.ReadSnapshotAsync("ledger", grain);

        Assert.Equal(5, stored!.Version);
        Assert.Equal([5], stored.Data);
        Assert.Null(await storage.ReadSnapshotAsync("audit", grain));
    }

    [Fact]
    public async Task Snapshot_WrittenAgainAtTheSameVersion_ReplacesTheStoredOne()
    {
        // A damaged snapshot is captured again at the version it claimed: the new one must take its place, or an
        // account with no newer events would replay its whole log at every activation.
        var storage = Open();
        var grain = NewGrain();
        await storage.WriteSnapshotAsync("ledger", grain, 4, [0xBA, 0xD]);
        await storage.WriteSnapshotAsync("ledger", grain, 4, [4]);

        var stored = await storage.ReadSnapshotAsync("ledger", grain);

        Assert.Equal(4, stored!.Version);
        Assert.Equal([4], stored.Data);
    }

    [Fact]
    public async Task Replay_SnapshotThenEvents_RestoresTheSnapshotAndAppliesOnlyTheEventsAfterIt()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, Enumerable.Range(1, 5).Select(i => new SampleEvent($"e{i}", i)).ToArray());
        await WriteSnapshotAsync(storage, grain, 3, new SampleState { Balance = 6m, Notes = ["e1", "e2", "e3"] });

        var (state, applied, log) = await ActivateAsync(storage, grain);

        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], state.Notes);
        Assert.Equal(["e4", "e5"], applied);
        Assert.Equal(5, log.Version);
    }

    [Fact]
    public async Task Replay_SnapshotNewerThanTheLog_IsIgnoredAndTheWholeLogReplayed()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, [new SampleEvent("e1", 1m), new SampleEvent("e2", 2m)]);
        await WriteSnapshotAsync(storage, grain, 7, new SampleState { Balance = 99m, Notes = ["from the future"] });

        var (state, applied, log) = await ActivateAsync(storage, grain);

        Assert.Equal(["e1", "e2"], state.Notes);
        Assert.Equal(["e1", "e2"], applied);
        Assert.Equal(2, log.Version);
    }

    [Theory]
    [InlineData("torn")]
    [InlineData("flipped")]
    [InlineData("not json")]
    public async Task Replay_CorruptSnapshot_IsIgnoredAndTheWholeLogReplayed(string damage)
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, [new SampleEvent("e1", 1m), new SampleEvent("e2", 2m), new SampleEvent("e3", 3m)]);
        var frame = SnapshotFrame.Wrap(GrainStateRecord.Serialize(new SampleState { Balance = 50m, Notes = ["wrong"] }));
        var stored = damage switch
        {
            "torn" => frame[..^5],
            // Still valid JSON (a balance of 40 for 50): only the checksum can tell.
            "flipped" => frame.Select((b, i) => i == frame.AsSpan().IndexOf("50"u8) ? (byte)'4' : b).ToArray(),
            _ => SnapshotFrame.Wrap("{ not json"u8.ToArray()),
        };
        await storage.WriteSnapshotAsync("ledger", grain, 2, stored);

        var (state, applied, _) = await ActivateAsync(storage, grain);

        Assert.Equal(["e1", "e2", "e3"], state.Notes);
        Assert.Equal(["e1", "e2", "e3"], applied);
    }

    [Fact]
    public async Task Append_EverySnapshotEveryEvents_StoresASnapshotOnceItsEventsAreDurable_AndTheNextActivationStartsFromIt()
    {
        var storage = Open();
        var grain = NewGrain();
        var (state, _, log) = await ActivateAsync(storage, grain, snapshotEvery: 3);
        for (var i = 1; i <= 7; i++)
        {
            var e = new SampleEvent($"e{i}", i);
            var durable = log.Append(e);
            Apply(state, e);
            await durable;
        }

        // The append of e7 found six events since the last snapshot and captured the state they left.
        await Poll.UntilAsync(async () => (await storage.ReadSnapshotAsync("ledger", grain))?.Version == 6, "the snapshot at version 6 to be stored");
        var (again, applied, reloaded) = await ActivateAsync(storage, grain);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"e{i}"), again.Notes);
        Assert.Equal(["e7"], applied);
        Assert.Equal(7, reloaded.Version);
    }

    [Fact]
    public async Task Find_ThroughTheLog_SeesEventsStillInFlightAndStoredOnesOnce()
    {
        var storage = Open();
        var grain = NewGrain();
        await storage.AppendAsync("ledger", grain, 0, [new SampleKeyedEvent("stored", 1m, "op")]);
        var log = new PersistentLog<SampleKeyedEvent>("ledger", grain, storage, _ => { }, new EventLogOptions(), NullLogger.Instance);
        await log.LoadAsync(CancellationToken.None);
        log.Replay(_ => { });

        var appended = log.Append(new SampleKeyedEvent("new", 2m, "op"));
        var found = await log.FindAsync("op");
        await appended;

        Assert.Equal([(1L, "stored"), (2L, "new")], found.Select(f => (f.Version, f.Event.Kind)));
        Assert.Equal(["stored", "new"], (await log.ReadAsync(0, 10)).Select(e => e.Kind));
    }

    private static async Task WriteSnapshotAsync(IEventLogStorage storage, GrainId grain, long version, SampleState state) =>
        await storage.WriteSnapshotAsync("ledger", grain, version, SnapshotFrame.Wrap(GrainStateRecord.Serialize(state)));

    /// <summary>What a grain's activation does: load, then replay through a snapshot of <see cref="SampleState"/>.</summary>
    private static async Task<(SampleState State, List<string> Applied, PersistentLog<SampleEvent> Log)> ActivateAsync(
        IEventLogStorage storage, GrainId grain, int snapshotEvery = 1000)
    {
        var log = new PersistentLog<SampleEvent>(
            "ledger", grain, storage, _ => { }, new EventLogOptions { SnapshotEvery = snapshotEvery }, NullLogger.Instance);
        await log.LoadAsync(CancellationToken.None);
        var state = new SampleState();
        var applied = new List<string>();
        await log.ReplayAsync<SampleState>(
            restored => state = restored,
            e =>
            {
                applied.Add(e.Kind);
                Apply(state, e);
            },
            () => state with { Notes = [.. state.Notes] });
        return (state, applied, log);
    }

    private static void Apply(SampleState state, SampleEvent e) => state.Notes.Add(e.Kind);
}
