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
        { "hello with wrong magic", [.. RawPeer.Frame([(byte)FrameKind.Hello, 3, 0x58, 0x59, 0x5A, 1, 0])], "not an OrleansBank hello" },
        { "oversized", [.. RawPeer.Header(1024 * 1024 + 1)], "over the limit" },
        { "negative length", [.. RawPeer.Header(-5)], "announces -5 bytes" },
        { "wrong first frame", [.. RawPeer.Frame([(byte)FrameKind.Request, 1, 2, 3])], "first frame must be a hello" },
        { "hello whose name is not UTF-8", [.. RawPeer.Frame([(byte)FrameKind.Hello, 11, .. "OrleansBank"u8, (byte)FrameCodec.ProtocolVersion, 2, 0xC3, 0x28])], "not valid UTF-8" },
        { "request whose key is not UTF-8", [.. RawPeer.Hello(), .. RawPeer.Frame([(byte)FrameKind.Request, 1, 4, .. "echo"u8, 2, 0xC3, 0x28])], "not valid UTF-8" },
        { "bad request after hello", [.. RawPeer.Hello(), .. RawPeer.Frame([(byte)FrameKind.Request, 0xFF, 0xFF])], "ends at byte" },
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
        await peer.SendAsync([.. RawPeer.Hello(), .. RawPeer.Header(100), 1, 2, 3]);
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
        request.WriteByte(0); // no trace context
        request.WriteUVarInt(0);
        request.WriteUVarInt(0);
        FrameCodec.End(request, at);

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync([.. RawPeer.Hello(), .. request.WrittenSpan]);
        var received = await peer.WaitUntilClosedAsync();

        Assert.Contains(expected, System.Text.Encoding.UTF8.GetString(received));
        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains(expected)), $"a warning containing '{expected}'");
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
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
