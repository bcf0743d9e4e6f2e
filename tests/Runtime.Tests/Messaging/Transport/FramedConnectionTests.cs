using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

/// <summary>What a silo holds for frames still arriving: a stranger gets a hello's worth, everyone together a budget.</summary>
public class FramedConnectionTests
{
    // Long timeouts: every disconnection below must come from a size limit, never from a stall timer.
    private static Task<TestSilo> StartAsync(WarningLog log, Action<ConnectionOptions>? configure = null) => TestSilo.StartAsync(
        configure: s => s
            .Configure<ConnectionOptions>(o =>
            {
                (o.HandshakeTimeout, o.FrameTimeout) = (TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
                configure?.Invoke(o);
            })
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)),
        transport: TestClientTransport.Tcp);

    [Fact]
    public async Task RunAsync_StrangerAnnouncesBigFrame_IsClosedAtTheHeaderWithReasonNamingTheLimit()
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log);

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync(RawPeer.Header((16 * 1024 * 1024) - 16)); // the header alone: no body is ever sent
        await peer.WaitUntilClosedAsync();

        await Poll.UntilAsync(
            () => log.Warnings.Any(w => w.Contains("announces 16,777,200 bytes, over the limit of 4,096 bytes for a peer that has not said hello")),
            "a warning naming the pre-hello frame limit");
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    [Fact]
    public async Task RunAsync_HelloWithinTheSmallLimit_IsWelcomed()
    {
        var log = new WarningLog();
        await using var silo = await StartAsync(log, o => o.MaxHandshakeFrameSize = 64);
        var hello = RawPeer.Hello();
        Assert.True(hello.Length - 4 <= 64, "the test's hello must fit the limit it sets");

        using var peer = await RawPeer.ConnectAsync(silo.Cluster.GatewayEndpoint!);
        await peer.SendAsync(hello);

        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync()).Kind);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task RunAsync_PartialFramesOverTheSharedBudget_CloseTheConnectionThatWouldPassIt()
    {
        const int Frame = 200 * 1024;
        var log = new WarningLog();
        await using var silo = await StartAsync(log, o => (o.MaxFrameSize, o.PartialFrameBudget) = (256 * 1024, 512 * 1024));
        var budget = silo.Cluster.ServiceProvider.GetRequiredService<ClientGateway>().PartialFrames;
        var endpoint = silo.Cluster.GatewayEndpoint!;

        // Each peer says hello, then starts a 200 KiB frame and stalls after 1 KiB of it.
        using var first = await StartBigFrameAsync(endpoint);
        await Poll.UntilAsync(() => budget.Held == Frame, "the first partial frame to be counted");
        using var second = await StartBigFrameAsync(endpoint);
        await Poll.UntilAsync(() => budget.Held == 2 * Frame, "the second partial frame to be counted");

        using (var third = await StartBigFrameAsync(endpoint))
        {
            await third.WaitUntilClosedAsync();
        }

        await Poll.UntilAsync(
            () => log.Warnings.Any(w => w.Contains("A frame of 204,800 bytes would take the memory this silo holds for frames still arriving past its budget of 524,288 bytes (409,600 held now)")),
            "a warning naming the budget");
        Assert.Equal(2 * Frame, budget.Held);

        // A closed connection gives its share back, and a new big frame fits again.
        first.Dispose();
        await Poll.UntilAsync(() => budget.Held == Frame, "the first peer's share to be released");
        using var fourth = await StartBigFrameAsync(endpoint);
        await Poll.UntilAsync(() => budget.Held == 2 * Frame, "the fourth partial frame to be counted");
        Assert.Single(log.Warnings);
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    private static async Task<RawPeer> StartBigFrameAsync(string endpoint)
    {
        var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync([.. RawPeer.Hello(), .. RawPeer.Header(200 * 1024), .. new byte[1024]]);
        return peer;
    }
}
