using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

/// <summary>The in-memory network fails as a real one does: a crashed node or a cut link drops connections at once.</summary>
public class InMemoryNetworkTests
{
    private static readonly TimeSpan Deadline = TestingHost.Poll.DefaultTimeout;

    private readonly InMemoryNetwork _network = new();

    [Fact]
    public async Task Crash_NodeWithAnOpenConnection_FailsAPendingReadAtBothEnds()
    {
        await using var listener = new InMemoryTransport(_network, "a").Listen("memory:1");
        var client = await new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None);
        var server = (await listener.AcceptAsync())!.Value.Stream;
        var clientRead = client.ReadAsync(new byte[1]).AsTask();
        var serverRead = server.ReadAsync(new byte[1]).AsTask();

        _network.Crash("a");

        var error = await Assert.ThrowsAsync<IOException>(() => clientRead.WaitAsync(Deadline));
        Assert.Contains("node a crashed", error.Message);
        await Assert.ThrowsAsync<IOException>(() => serverRead.WaitAsync(Deadline));
        await Assert.ThrowsAsync<IOException>(() => client.WriteAsync(new byte[1]).AsTask());
    }

    [Fact]
    public async Task Crash_Node_ClosesItsListenerAndRefusesItsNewConnections()
    {
        var listener = new InMemoryTransport(_network, "a").Listen("memory:1");
        await using var other = new InMemoryTransport(_network, "b").Listen("memory:2");
        var crashed = new InMemoryTransport(_network, "a");

        _network.Crash("a");

        Assert.Null(await listener.AcceptAsync().WaitAsync(Deadline));
        var toIt = await Assert.ThrowsAsync<IOException>(() => new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None));
        Assert.Contains("Nothing listens", toIt.Message);
        var fromIt = await Assert.ThrowsAsync<IOException>(() => crashed.ConnectAsync("memory:2", CancellationToken.None));
        Assert.Contains("node a crashed", fromIt.Message);
        Assert.Throws<IOException>(() => crashed.Listen("memory:3"));
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Crash_AfterAConnectFoundTheNodesListener_TheConnectIsRefusedRatherThanKeptOpenToTheDeadNode()
    {
        await using var listener = new InMemoryTransport(_network, "a").Listen("memory:1");
        // Where a connect from b stands when the crash comes: it has found a's listener, and not yet added its connection.
        var connecting = new InMemoryConnection("b", _network.ListenerOwners["memory:1"]);

        _network.Crash("a");

        // Added now, it would be missed by the crash that dropped a's connections: a dead silo answering over it.
        Assert.Equal("node a crashed", _network.TryAdd(connecting));
    }

    [Fact]
    public async Task Crash_ThenANewNodeListensOnTheEndpoint_OldListenersDisposalLeavesTheNewOneAlone()
    {
        var old = new InMemoryTransport(_network, "a#1").Listen("memory:1");
        _network.Crash("a#1");
        await using var restarted = new InMemoryTransport(_network, "a#2").Listen("memory:1");

        await old.DisposeAsync();

        await new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None);
        Assert.NotNull(await restarted.AcceptAsync().WaitAsync(Deadline));
    }

    [Fact]
    public async Task Cut_TwoNodes_DropsTheirConnectionOnlyAndRefusesNewOnesUntilHealed()
    {
        await using var listener = new InMemoryTransport(_network, "a").Listen("memory:1");
        var fromB = await new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None);
        var fromC = await new InMemoryTransport(_network, "c").ConnectAsync("memory:1", CancellationToken.None);
        var fromClient = await new InMemoryTransport(_network).ConnectAsync("memory:1", CancellationToken.None);

        _network.Cut("b", "a");

        var error = await Assert.ThrowsAsync<IOException>(() => fromB.ReadAsync(new byte[1]).AsTask().WaitAsync(Deadline));
        Assert.Contains("the link between b and a was cut", error.Message);
        await fromC.WriteAsync(new byte[1]);
        await fromClient.WriteAsync(new byte[1]);
        var refused = await Assert.ThrowsAsync<IOException>(() => new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None));
        Assert.Contains("is cut", refused.Message);

        _network.Heal("a", "b");

        await new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None);
    }

    [Fact]
    public async Task Crash_WriterBlockedOnAFullPipe_IsFreed()
    {
        await using var listener = new InMemoryTransport(_network, "a").Listen("memory:1");
        var client = await new InMemoryTransport(_network, "b").ConnectAsync("memory:1", CancellationToken.None);
        // Nobody reads the server end: a big enough write waits for room that never comes.
        var blocked = client.WriteAsync(new byte[4 * 1024 * 1024]).AsTask();
        Assert.False(blocked.IsCompleted, "the write must wait for the reader");

        _network.Crash("b");

        await Assert.ThrowsAsync<IOException>(() => blocked.WaitAsync(Deadline));
    }
}
