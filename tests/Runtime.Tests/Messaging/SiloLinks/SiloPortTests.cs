using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

public class SiloPortTests
{
    [Fact]
    public async Task Call_OverTcpLoopbackWithPortZero_RunsOnTheOtherSilo()
    {
        await using var silos = await LinkedSilos.StartAsync(2, tcp: true);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("tcp");
        silos.Place(grain, 1);

        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
        Assert.Equal("over tcp", (await Assert.ThrowsAsync<LinkFailureException>(() => grain.Throw("over tcp"))).Message);
    }

    [Fact]
    public void SiloPortZero_AddressChosen_PortIsAlreadyHeldBeforeTheSiloStarts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .AddGrainAssembly(typeof(LinkedSilos).Assembly)
            .UseLocalhostClustering(siloPort: 0, gatewayPort: 0));
        using var host = builder.Build();

        var port = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Port;

        // Nothing has started: yet the advertised port is bound, so no other process can take it in between.
        using var rival = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = Assert.Throws<SocketException>(() => rival.Bind(new IPEndPoint(IPAddress.Loopback, port)));
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public async Task SiloPort_AdvertisedPort_IsTheOneTheSiloListensOn()
    {
        await using var silos = await LinkedSilos.StartAsync(1, tcp: true);
        var endpoints = silos.Host(0).Services.GetRequiredService<Runtime.Messaging.Gateway.ClientGateway>().BoundEndpoints;

        Assert.Equal($"127.0.0.1:{silos.Address(0).Port}", endpoints[1]);
    }

    [Fact]
    public async Task SiloPort_Garbage_IsClosedAndTheSiloStillLinks()
    {
        await using var silos = await LinkedSilos.StartAsync(2, tcp: true);
        using (var peer = await RawPeer.ConnectAsync(silos.Address(1).Endpoint))
        {
            await peer.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            await peer.WaitUntilClosedAsync();
        }

        var grain = silos.Grains(0).GetGrain<ILinkGrain>("after-garbage");
        silos.Place(grain, 1);
        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
    }

    [Fact]
    public async Task SiloPort_HugeHandshakeFrame_IsClosedAtTheHeader()
    {
        await using var silos = await LinkedSilos.StartAsync(1, tcp: true);
        using var peer = await RawPeer.ConnectAsync(silos.Address(0).Endpoint);

        await peer.SendAsync(RawPeer.Header(1024 * 1024));

        Assert.Empty(await peer.WaitUntilClosedAsync());
    }

    [Fact]
    public async Task GatewayPort_SiloHello_IsRefusedWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(1, tcp: true);
        var gateway = silos.Host(0).Services.GetRequiredService<Runtime.Messaging.Gateway.ClientGateway>().BoundEndpoints[0];
        using var peer = await RawPeer.ConnectAsync(gateway);
        using var hello = new WireWriter();
        HandshakeCodec.WriteSiloHello(hello, new SiloHello("orleansbank", new SiloAddress("127.0.0.1", 1, 1), silos.Address(0), null));

        await peer.SendAsync(hello.WrittenSpan.ToArray());

        var (kind, body) = await peer.ReadFrameAsync();
        Assert.Equal(FrameKind.Refused, kind);
        var reader = new WireReader(body);
        Assert.Contains("silo links connect to the silo port", FrameCodec.ReadRefusal(ref reader));
    }

    [Fact]
    public async Task SiloLink_RequestForAGrainNotHostedHere_FailsThatCallAloneAndTheLinkStays()
    {
        await using var silos = await LinkedSilos.StartAsync(1, tcp: true);
        using var peer = await RawPeer.ConnectAsync(silos.Address(0).Endpoint);
        using var hello = new WireWriter();
        HandshakeCodec.WriteSiloHello(hello, new SiloHello("orleansbank", new SiloAddress("127.0.0.1", 1, 1), silos.Address(0), null));
        await peer.SendAsync(hello.WrittenSpan.ToArray());
        Assert.Equal(FrameKind.SiloWelcome, (await peer.ReadFrameAsync()).Kind);

        await peer.SendAsync([.. Request(1, "nosuchgrain", "Some.IUnknownGrain", 1), .. Request(2, "link", typeof(ILinkGrain).FullName!, MethodId(nameof(ILinkGrain.WhereAmI)))]);

        var unknown = await peer.ReadFrameAsync();
        Assert.Equal(FrameKind.Response, unknown.Kind);
        Assert.Contains("Some.IUnknownGrain", System.Text.Encoding.UTF8.GetString(unknown.Body));
        var answered = await peer.ReadFrameAsync();
        Assert.Equal(FrameKind.Response, answered.Kind);
        Assert.Contains(silos.Address(0).ToString(), System.Text.Encoding.UTF8.GetString(answered.Body));
    }

    private static uint MethodId(string name) =>
        Runtime.Messaging.GrainInterface.For(typeof(ILinkGrain)).Methods.Single(m => m.Name == name).Id;

    private static byte[] Request(long id, string grainType, string grainInterface, uint methodId)
    {
        using var request = new WireWriter();
        var at = FrameCodec.Begin(request, FrameKind.Request);
        request.WriteUVarInt((ulong)id);
        request.WriteStringPayload(grainType);
        request.WriteStringPayload("k");
        request.WriteStringPayload(grainInterface);
        request.WriteUVarInt(methodId);
        request.WriteUVarInt(10_000);
        request.WriteByte(0); // no trace context
        request.WriteUVarInt(0);
        request.WriteUVarInt(0);
        FrameCodec.End(request, at);
        return request.WrittenSpan.ToArray();
    }
}
