using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Gateway;

/// <summary>The gateway under a connection flood: it keeps accepting through errors, and refuses clearly over its cap.</summary>
public class GatewayTests
{
    [Fact]
    public async Task AcceptAsync_FailsWithTooManyOpenFiles_GatewayLogsBacksOffAndKeepsServing()
    {
        var log = new WarningLog();
        var transport = new FailingAcceptTransport(failuresPerListener: 3);

        await using var silo = await TestSilo.StartAsync(
            configure: s => s.ConfigureServices(services => services
                .AddSingleton<IConnectionTransport>(transport)
                .AddSingleton<ILoggerProvider>(log)),
            transport: TestClientTransport.Tcp);

        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
        await Poll.UntilAsync(() => transport.Failures == 6, "both listeners to have failed three accepts each");
        await Poll.UntilAsync(
            () => log.Warnings.Count(w => w.Contains("Accepting a connection on") && w.Contains("trying again")) == 6,
            "a logged error for each failed accept");
    }

    [Fact]
    public async Task Connect_OverTheCap_GetsClearRefusal_AndOnceOneClosesANewClientIsServed()
    {
        var log = new WarningLog();
        await using var silo = await TestSilo.StartAsync(
            configure: s => s
                .Configure<ConnectionOptions>(o => o.MaxConnections = 3)
                .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)),
            transport: TestClientTransport.Tcp);
        var endpoint = silo.Cluster.GatewayEndpoint!;
        var gateway = silo.Cluster.ServiceProvider.GetRequiredService<ClientGateway>();

        // The cluster's own client holds the first connection; two welcomed peers take the rest.
        using var first = await WelcomedPeerAsync(endpoint);
        using var second = await WelcomedPeerAsync(endpoint);
        Assert.Equal(3, gateway.ConnectionCount);

        using (var refusedPeer = await RawPeer.ConnectAsync(endpoint))
        {
            await refusedPeer.SendAsync(RawPeer.Hello());
            var (kind, body) = await refusedPeer.ReadFrameAsync();
            Assert.Equal(FrameKind.Refused, kind);
            var reader = new WireReader(body);
            Assert.Equal("this silo has 3 connections, its limit; try another gateway or retry later", FrameCodec.ReadRefusal(ref reader));
        }

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => ExternalClient.StartAsync(null, endpoint));
        Assert.Contains("this silo has 3 connections, its limit; try another gateway or retry later", error.Message);
        await Poll.UntilAsync(() => log.Warnings.Any(w => w.Contains("Refused 1 connection(s): this silo has 3 connections, its limit")), "the refusal to be logged");

        first.Dispose();
        await Poll.UntilAsync(() => gateway.ConnectionCount == 2, "the closed peer's connection to be released");
        using var client = await ExternalClient.StartAsync(null, endpoint);
        Assert.Equal(5m, await client.Services.GetRequiredService<IClusterClient>().GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    [Fact]
    public async Task Connect_FirstGatewayAtItsCap_ClientMovesOnToTheNext()
    {
        // Each silo's own cluster client holds one connection: a cap of 1 leaves the first silo none to give.
        await using var full = await TestSilo.StartAsync(configure: s => s.Configure<ConnectionOptions>(o => o.MaxConnections = 1), transport: TestClientTransport.Tcp);
        await using var free = await TestSilo.StartAsync(transport: TestClientTransport.Tcp);

        using var client = await ExternalClient.StartAsync(null, full.Cluster.GatewayEndpoint!, free.Cluster.GatewayEndpoint!);

        Assert.Equal(1, await client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("c").Increment());
        Assert.Equal(1, free.Cluster.ActivationCount);
        Assert.Equal(0, full.Cluster.ActivationCount);
    }

    private static async Task<RawPeer> WelcomedPeerAsync(string endpoint)
    {
        var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(RawPeer.Hello());
        Assert.Equal(FrameKind.Welcome, (await peer.ReadFrameAsync()).Kind);
        return peer;
    }

    /// <summary>TCP whose listeners fail their first accepts as a process out of file descriptors does.</summary>
    private sealed class FailingAcceptTransport(int failuresPerListener) : IConnectionTransport
    {
        private readonly TcpTransport _tcp = new();
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken) => _tcp.ConnectAsync(endpoint, cancellationToken);

        public IConnectionListener Listen(string endpoint) => new Listener(this, _tcp.Listen(endpoint), failuresPerListener);

        private sealed class Listener(FailingAcceptTransport owner, IConnectionListener inner, int failures) : IConnectionListener
        {
            private int _left = failures;

            public string Endpoint => inner.Endpoint;

            public Task<(Stream Stream, string Remote)?> AcceptAsync()
            {
                if (Interlocked.Decrement(ref _left) >= 0)
                {
                    Interlocked.Increment(ref owner._failures);
                    return Task.FromException<(Stream Stream, string Remote)?>(new SocketException((int)SocketError.TooManyOpenSockets));
                }

                return inner.AcceptAsync();
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
