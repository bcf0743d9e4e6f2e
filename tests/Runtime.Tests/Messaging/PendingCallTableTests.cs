using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

public sealed class PendingCallTableTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly GrainInterfaceMethod Add = GrainInterface.For(typeof(IEchoGrain)).Methods.Single(m => m.Name == nameof(IEchoGrain.Add));

    private readonly ManualTimeProvider _time = new();
    private readonly CoarseClock _clock;
    private readonly PendingCallTable _table;

    public PendingCallTableTests()
    {
        var options = Options.Create(new MessagingOptions { TimeoutCheckInterval = TimeSpan.FromMilliseconds(100) });
        _clock = new CoarseClock(_time, options);
        _table = new PendingCallTable(_time, _clock, options);
    }

    public void Dispose()
    {
        _table.Dispose();
        _clock.Dispose();
    }

    [Fact]
    public void NextId_AThreadThatCallsThroughTwoTables_NeverRepeatsAnIdWithinATable()
    {
        var options = Options.Create(new MessagingOptions());
        using var otherClock = new CoarseClock(_time, options);
        using var other = new PendingCallTable(_time, otherClock, options);

        // Ids come in blocks per thread: this thread's block from the first table must not serve the second.
        var fromBoth = OnThread(() => new[] { _table.NextId(), other.NextId(), other.NextId() });
        var fromOther = OnThread(() => Enumerable.Range(0, 200).Select(_ => other.NextId()).ToArray());

        long[] ofOther = [fromBoth[1], fromBoth[2], .. fromOther];
        Assert.Equal(ofOther.Length, ofOther.Distinct().Count());
    }

    [Fact]
    public async Task NextId_ManyThreadsAtOnce_NeverRepeatsAnId()
    {
        using var start = new Barrier(4);
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return Enumerable.Range(0, 10_000).Select(_ => _table.NextId()).ToArray();
            },
            TaskCreationOptions.LongRunning)).ToArray();

        var ids = (await Task.WhenAll(threads)).SelectMany(x => x).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id > 0, $"id {id} is not positive"));
    }

    [Fact]
    public void NextId_CalledRepeatedly_ReturnsDistinctIncreasingIds()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => _table.NextId()).ToArray();

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Start_NewCall_IsFoundByItsId()
    {
        var call = Start("a");

        Assert.Equal(1, _table.Count);
        Assert.True(_table.TryGet(call.Id, out var found));
        Assert.Same(call, found);
    }

    [Fact]
    public async Task Complete_PendingCall_GivesTheResultAndLeavesTheTable()
    {
        var call = Start("a");

        call.Complete(3m);

        Assert.Equal(3m, await (Task<decimal>)call.Task);
        Assert.Equal(0, _table.Count);
        Assert.False(_table.TryGet(call.Id, out _));
    }

    [Fact]
    public async Task Fail_PendingCall_GivesTheErrorAndLeavesTheTable()
    {
        var call = Start("a");

        call.Fail(new InvalidOperationException("broken"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call.Task);
        Assert.Equal("broken", error.Message);
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void Sweep_BeforeTheDeadline_KeepsTheCall()
    {
        var call = Start("a");

        _time.Advance(Timeout - TimeSpan.FromMilliseconds(200));

        Assert.False(call.Task.IsCompleted);
        Assert.Equal(1, _table.Count);
    }

    [Fact]
    public async Task Sweep_AfterTheDeadline_FailsTheCallWithATimeoutNamingGrainAndMethod()
    {
        var call = Start("late");

        // The sweep is the table's own timer: advancing the clock past the deadline runs it.
        _time.Advance(Timeout + TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Task);
        Assert.Contains("echo/late", error.Message);
        Assert.Contains(nameof(IEchoGrain.Add), error.Message);
        Assert.Contains(Timeout.ToString(), error.Message);
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void ExpireLateCalls_TwoCallsWithDifferentDeadlines_ExpiresOnlyTheLateOne()
    {
        var early = Start("early");
        _time.Advance(TimeSpan.FromSeconds(3));
        var later = Start("later");

        _time.Advance(TimeSpan.FromSeconds(2.5));
        _table.ExpireLateCalls();

        Assert.True(early.Task.IsFaulted);
        Assert.False(later.Task.IsCompleted);
        Assert.True(_table.TryGet(later.Id, out _));
    }

    [Fact]
    public async Task FailWhere_SomeCallsMatch_FailsOnlyThoseWithTheirOwnError()
    {
        var dropped = Start("dropped");
        var kept = Start("kept");

        _table.FailWhere(c => c.Target.Key == "dropped", c => new SiloUnavailableException($"lost {c.Target}"));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => dropped.Task);
        Assert.Equal("lost echo/dropped", error.Message);
        Assert.False(kept.Task.IsCompleted);
        Assert.Equal(1, _table.Count);
    }

    [Fact]
    public async Task Add_SlotStillHeldByAnOlderPendingCall_KeepsBothFindableCompletableAndExpirable()
    {
        var older = Start("older");

        // The next id that picks the same slot, while the older call still waits in it.
        while ((_table.NextId() + 1 - older.Id) % PendingCallTable.SlotCount != 0)
        {
        }

        var newer = Start("newer");

        Assert.Equal(0, (newer.Id - older.Id) % PendingCallTable.SlotCount);
        Assert.Equal(2, _table.Count);
        Assert.True(_table.TryGet(older.Id, out var foundOlder));
        Assert.Same(older, foundOlder);
        Assert.True(_table.TryGet(newer.Id, out var foundNewer));
        Assert.Same(newer, foundNewer);

        newer.Complete(2m);
        Assert.Equal(2m, await (Task<decimal>)newer.Task);
        Assert.False(_table.TryGet(newer.Id, out _));

        _time.Advance(Timeout + TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<TimeoutException>(() => older.Task);
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public async Task FailWhere_CallInTheOverflow_FailsItAndLeavesTheTableEmpty()
    {
        var older = Start("older");
        while ((_table.NextId() + 1 - older.Id) % PendingCallTable.SlotCount != 0)
        {
        }

        var newer = Start("newer");

        _table.FailWhere(_ => true, c => new SiloUnavailableException($"lost {c.Target}"));

        await Assert.ThrowsAsync<SiloUnavailableException>(() => older.Task);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => newer.Task);
        Assert.Equal(0, _table.Count);
        Assert.False(_table.TryGet(newer.Id, out _));
    }

    [Fact]
    public void Dispose_Table_StopsTheSweep()
    {
        var call = Start("orphan");

        _table.Dispose();
        _time.Advance(Timeout * 2);

        Assert.False(call.Task.IsCompleted);
    }

    private IPendingCall Start(string key)
    {
        var call = Add.CreatePendingCall();
        call.Start(_table, _table.NextId(), new GrainId("echo", key), Add, _clock.After(Timeout), Timeout);
        return call;
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own, so its block of ids is its own too.</summary>
    private static T OnThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
