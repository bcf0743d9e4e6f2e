using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>Misbehaving peers on a real TCP gateway: each is warned about and cut off; everyone else is served as before.</summary>
public class BadPeerTests
{
    private static Task<TestSilo> StartAsync(WarningLog log) => TestSilo.StartAsync(
        configure: s => s
            // Short enough for the stall tests to be quick, long enough that the cluster's own client, starting
            // on a loaded CI machine, still says hello in time.
            .Configure<ConnectionOptions>(o => (o.HandshakeTimeout, o.FrameTimeout, o.MaxFrameSize) = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), 1024 * 1024))
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)),
        transport: TestClientTransport.Tcp);

    public static TheoryData<string, byte[], string> Garbage => new()
    {
        { "http request", [.. "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8], "over the limit" },
        { "hello with wrong magic", [.. Frame([(byte)FrameKind.Hello, 3, 0x58, 0x59, 0x5A, 1, 0])], "not an OrleansBank hello" },
        { "oversized", [.. Header(1024 * 1024 + 1)], "over the limit" },
        { "negative length", [.. Header(-5)], "announces -5 bytes" },
        { "wrong first frame", [.. Frame([(byte)FrameKind.Request, 1, 2, 3])], "first frame must be a hello" },
        { "bad request after hello", [.. Hello(), .. Frame([(byte)FrameKind.Request, 0xFF, 0xFF])], "ends at byte" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task PeerSendsBadBytes_IsWarnedAboutAndDisconnected_OthersUnaffected(string name, byte[] bytes, string reason)
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log);
        var counter = silo.Grains.GetGrain<ICounterGrain>("c");
        await counter.Increment();

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync(bytes);
        await peer.WaitUntilClosedAsync();

        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains(reason)), $"a warning for the {name} peer containing '{reason}'");
        Assert.Single(log.Warnings);
        Assert.Equal(1, await counter.Get());
        Assert.Equal(2, await counter.Increment());
    }

    [Fact]
    public async Task PeerConnectsAndStalls_IsDisconnectedAfterHandshakeTimeout()
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log);

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.WaitUntilClosedAsync();

        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains("connected and stalled")), "the stall warning");
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    [Fact]
    public async Task PeerStallsMidFrame_IsDisconnectedAfterFrameTimeout()
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log);

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync([.. Hello(), .. Header(100), 1, 2, 3]);
        await peer.WaitUntilClosedAsync();

        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains("stalled mid-frame")), "the mid-frame stall warning");
    }

    [Theory]
    [InlineData("nosuchgrain", "Some.IUnknownGrain", 1u, "Some.IUnknownGrain")]
    [InlineData("echo", "OrleansBank.Runtime.Tests.TestGrains.IEchoGrain", 12345u, "no method with id 12345")]
    [InlineData("chain", "OrleansBank.Runtime.Tests.TestGrains.IEchoGrain", 1u, "Unknown grain type 'chain'")]
    public async Task PeerCallsUnknownGrainTypeOrMethod_GetsErrorNamingItThenIsDisconnected(string grainType, string grainInterface, uint methodId, string expected)
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log);
        using var request = new WireWriter();
        var at = FrameCodec.Begin(request, FrameKind.Request);
        request.WriteUVarInt(9);
        request.WriteStringPayload(grainType);
        request.WriteStringPayload("k");
        request.WriteStringPayload(grainInterface);
        request.WriteUVarInt(methodId);
        request.WriteUVarInt(1000);
        request.WriteUVarInt(0);
        request.WriteUVarInt(0);
        FrameCodec.End(request, at);

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync([.. Hello(), .. request.WrittenSpan]);
        var received = await peer.WaitUntilClosedAsync();

        Assert.Contains(expected, System.Text.Encoding.UTF8.GetString(received));
        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains(expected)), $"a warning containing '{expected}'");
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    private static byte[] Header(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        return header;
    }

    private static byte[] Frame(byte[] payload) => [.. Header(payload.Length), .. payload];

    private static byte[] Hello()
    {
        using var writer = new WireWriter();
        FrameCodec.WriteHello(writer, "raw-peer");
        return writer.WrittenSpan.ToArray();
    }

    private sealed class RawPeer(TcpClient client) : IDisposable
    {
        public static async Task<RawPeer> ConnectAsync(string endpoint)
        {
            var colon = endpoint.LastIndexOf(':');
            var client = new TcpClient();
            await client.ConnectAsync(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return new RawPeer(client);
        }

        public Task SendAsync(byte[] bytes) => client.GetStream().WriteAsync(bytes).AsTask();

        /// <summary>Reads until the silo closes the connection; returns what it sent.</summary>
        public async Task<byte[]> WaitUntilClosedAsync()
        {
            var received = new MemoryStream();
            var buffer = new byte[4096];
            var stream = client.GetStream();
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Poll.DefaultTimeout)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // reset by the silo: closed too
            }

            return received.ToArray();
        }

        public void Dispose() => client.Dispose();
    }
}

/// <summary>Collects warnings from the silo's loggers.</summary>
public sealed class WarningLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings = new();

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                log._warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
