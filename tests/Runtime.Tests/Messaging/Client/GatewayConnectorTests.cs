using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

/// <summary>How the client chooses a gateway, shakes hands, and reconnects once its connection is gone.</summary>
public class GatewayConnectorTests
{
    [Fact]
    public async Task ConnectAsync_NoGatewaysConfigured_ThrowsSiloUnavailableSayingToAddOne()
    {
        await using var connector = Connector(new InMemoryNetwork(), new ManifestTypeResolver());

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => connector.ConnectAsync(CancellationToken.None));

        Assert.Contains("add at least one host:port", error.Message, StringComparison.Ordinal);
        Assert.Null(connector.Session);
    }

    [Fact]
    public async Task ConnectAsync_FirstGatewayUnreachable_ConnectsToTheNextAndTakesItsManifest()
    {
        var network = new InMemoryNetwork();
        await using var silo = FakeSilo.Listen(network, "silo-b");
        var types = new ManifestTypeResolver();
        await using var connector = Connector(network, types, "silo-a", "silo-b");

        var answering = silo.AnswerAsync(w => FrameCodec.WriteWelcome(w, new Manifest("b", new Dictionary<string, string> { [typeof(IEchoGrain).FullName!] = "echo" })));
        await connector.ConnectAsync(CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        await answering;

        Assert.Equal(FrameKind.Hello, silo.ReceivedKind);
        Assert.True(connector.Session is { IsUsable: true, Remote: "silo-b" }, "the session should be live and on silo-b");
        Assert.Equal("echo", types.GetGrainType(typeof(IEchoGrain)));
    }

    [Fact]
    public async Task ConnectAsync_TheOnlyGatewayRefuses_ThrowsSiloUnavailableWithTheSilosReason()
    {
        var network = new InMemoryNetwork();
        await using var silo = FakeSilo.Listen(network, "silo-a");
        await using var connector = Connector(network, new ManifestTypeResolver(), "silo-a");

        var answering = silo.AnswerAsync(w => FrameCodec.WriteRefusal(w, "at its connection cap"));
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => connector.ConnectAsync(CancellationToken.None).WaitAsync(Poll.DefaultTimeout));
        await answering;

        Assert.Contains("silo-a", error.Message, StringComparison.Ordinal);
        Assert.Contains("at its connection cap", error.Message, StringComparison.Ordinal);
        Assert.Null(connector.Session);
    }

    [Fact]
    public async Task SendRequest_BacklogWhileReconnecting_SharesOneAttemptAndFailsTogether()
    {
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.Tcp);
        var transport = new GatedTransport();
        using var client = await ExternalClient.StartAsync(transport, silo.Cluster.GatewayEndpoint!);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        // A call in flight when the connection drops fails at once: that is how the test knows the client has noticed.
        var hanging = grains.GetGrain<ISlowGrain>("s").Hang();
        await silo.Gates.WaitFor("entered:hang");
        transport.HoldConnects();
        await silo.Cluster.ServiceProvider.GetRequiredService<ClientGateway>().DropConnectionsAsync("dropped by the test");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => hanging);

        // Every call of the backlog arrives while the first reconnect is held open.
        var backlog = Enumerable.Range(0, 50).Select(i => grains.GetGrain<IEchoGrain>($"e{i}").Add(i, 1)).ToArray();
        await Poll.UntilAsync(() => transport.HeldConnects == 1, "the first reconnect to reach the transport");
        transport.RefuseHeldConnects();

        foreach (var call in backlog)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Poll.DefaultTimeout));
        }

        Assert.Equal(1, transport.HeldConnects);

        // The next call after the failure tries again, and gets through.
        transport.PassConnects();
        Assert.Equal(3m, await grains.GetGrain<IEchoGrain>("after").Add(1m, 2m));
    }

    /// <summary>TCP whose connects the test can hold, then refuse as a dead silo's port does.</summary>
    private sealed class GatedTransport : IConnectionTransport
    {
        private readonly TcpTransport _tcp = new();
        private TaskCompletionSource? _gate;
        private int _held;

        public int HeldConnects => Volatile.Read(ref _held);

        public void HoldConnects() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RefuseHeldConnects() => _gate!.TrySetException(new SocketException((int)SocketError.ConnectionRefused));

        public void PassConnects() => _gate = null;

        public async Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken)
        {
            if (_gate is { } gate)
            {
                Interlocked.Increment(ref _held);
                await gate.Task.WaitAsync(cancellationToken);
            }

            return await _tcp.ConnectAsync(endpoint, cancellationToken);
        }

        public IConnectionListener Listen(string endpoint) => _tcp.Listen(endpoint);
    }

    private static GatewayConnector Connector(InMemoryNetwork network, ManifestTypeResolver types, params string[] gateways)
    {
        var messaging = Options.Create(new MessagingOptions());
        var time = new ManualTimeProvider();
        var calls = new PendingCallTable(time, new CoarseClock(time, messaging), messaging);
        return new GatewayConnector(
            new InMemoryTransport(network),
            types,
            new ResponseDispatcher(calls),
            Options.Create(new ClientOptions { Gateways = [.. gateways] }),
            Options.Create(new ConnectionOptions()),
            Options.Create(new ClusterOptions()),
            NullLogger<GatewayConnector>.Instance);
    }

    /// <summary>A silo's end of one in-memory connection, driven by hand: reads the hello, answers one frame.</summary>
    private sealed class FakeSilo(IConnectionListener listener) : IAsyncDisposable
    {
        private Stream? _stream;

        public FrameKind ReceivedKind { get; private set; }

        public static FakeSilo Listen(InMemoryNetwork network, string endpoint) => new(new InMemoryTransport(network).Listen(endpoint));

        public async Task AnswerAsync(Action<WireWriter> answer)
        {
            var (stream, _) = (await listener.AcceptAsync().WaitAsync(Poll.DefaultTimeout))!.Value;
            _stream = stream;
            var header = new byte[FrameCodec.HeaderSize];
            await stream.ReadExactlyAsync(header).AsTask().WaitAsync(Poll.DefaultTimeout);
            var payload = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
            await stream.ReadExactlyAsync(payload).AsTask().WaitAsync(Poll.DefaultTimeout);
            ReceivedKind = (FrameKind)payload[0];
            using var writer = new WireWriter();
            answer(writer);
            await stream.WriteAsync(writer.WrittenMemory);
            await stream.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_stream is not null)
            {
                await _stream.DisposeAsync();
            }

            await listener.DisposeAsync();
        }
    }
}
