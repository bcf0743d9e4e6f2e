using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Persistence;

/// <summary>
/// Turns end before the disk, replies do not: the next request runs while an append is in flight, appends that
/// queued meanwhile go in one write, and a failed append takes every later one with it.
/// </summary>
public class PersistentLogTests
{
    [Fact]
    public async Task Reply_WaitsUntilTheAppendIsDurable()
    {
        await using var silo = await TestSilo.StartAsync();
        silo.Storage.HoldAppends = true;

        var add = silo.Grains.GetGrain<IJournalGrain>("ack").Add("a");
        await silo.Gates.WaitFor("append-entered-1");
        Assert.False(add.IsCompleted, "the call must not answer while its append is in flight");
        silo.Gates.Raise("append-release-1");

        Assert.Equal(1, await add);
    }

    [Fact]
    public async Task NextRequests_RunWhileAnAppendIsInFlight_AndTheirAppendsShareTheNextWrite()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IJournalGrain>("pipeline");
        silo.Storage.HoldAppends = true;

        var a = grain.Add("a");
        await silo.Gates.WaitFor("append-entered-1");
        var b = grain.Add("b");
        var c = grain.Add("c");
        var read = grain.Items();
        await silo.Gates.WaitFor("turn c");

        // b and c have had their turns, but nothing is acknowledged while "a" is not durable.
        Assert.False(a.IsCompleted || b.IsCompleted || c.IsCompleted || read.IsCompleted, "no reply may leave before the append it saw is durable");
        silo.Gates.Raise("append-release-1");
        await silo.Gates.WaitFor("append-entered-2");
        Assert.Equal([1, 2], silo.Storage.AppendSizes);
        Assert.False(b.IsCompleted || c.IsCompleted, "b and c are in the held second append");
        silo.Gates.Raise("append-release-2");

        var versions = await Task.WhenAll(a, b, c);
        Assert.Equal([1L, 2L, 3L], versions);
        Assert.Equal(["a", "b", "c"], await read);
    }

    [Fact]
    public async Task FailedAppend_FailsItAndEveryLaterOne_AndTheNextCallSeesOnlyWhatWasStored()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IJournalGrain>("broken");
        await grain.Add("stored");
        silo.Storage.HoldAppends = true;

        var failing = grain.Add("lost");
        await silo.Gates.WaitFor("append-entered-2");
        var dependent = grain.Add("decided-on-lost");
        await silo.Gates.WaitFor("turn decided-on-lost");
        silo.Storage.FailWritesWith = new IOException("disk unplugged");
        silo.Gates.Raise("append-release-2");

        Assert.Equal("disk unplugged", (await Assert.ThrowsAsync<IOException>(() => failing)).Message);
        var notWritten = await Assert.ThrowsAsync<GrainStorageException>(() => dependent);
        Assert.Contains("disk unplugged", notWritten.Message);
        silo.Storage.FailWritesWith = null;
        silo.Storage.HoldAppends = false;

        Assert.Equal(["stored"], await grain.Items());
        Assert.Equal([1, 1], silo.Storage.AppendSizes);
        Assert.Equal(2, await grain.Add("after"));
    }

    [Fact]
    public async Task Settle_WaitsForTheAppendInFlight_WhateverItsOutcome()
    {
        // Deactivation awaits SettleAsync, so a new activation never reads a log that is still being written.
        var gates = new Gates();
        var storage = new ControllableStorage(gates) { HoldAppends = true, FailWritesWith = new IOException("disk unplugged") };
        var broken = new List<Exception>();
        var log = new Runtime.Persistence.PersistentLog<string>("items", new GrainId("journal", "settle"), storage, broken.Add);
        await log.LoadAsync(CancellationToken.None);

        var append = log.Append("in-flight");
        await gates.WaitFor("append-entered-1");
        var settle = log.SettleAsync();
        Assert.False(settle.IsCompleted, "settling must wait for the append in flight");
        gates.Raise("append-release-1");

        await settle.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await Assert.ThrowsAsync<IOException>(() => append);
        Assert.Equal("disk unplugged", Assert.Single(broken).Message);
        Assert.Throws<GrainStorageException>(() => { _ = log.Append("after"); });
    }
}
