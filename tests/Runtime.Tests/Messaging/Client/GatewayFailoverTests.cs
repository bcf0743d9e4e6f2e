using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Hosting;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.Messaging.SiloLinks;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

/// <summary>A client learns the gateways from the one it connects to, and moves to another when its gateway goes or drains.</summary>
public class GatewayFailoverTests
{
    [Fact]
    public async Task Connect_GatewayPushesItsList_ClientLearnsTheOtherGatewayAndEveryChange()
    {
        var list = new FakeGatewayList();
        await using var silos = await LinkedSilos.StartAsync(2, (i, silo) => silo.ConfigureServices(s => s.AddSingleton<IGatewayListProvider>(list)));
        list.Set(Gateway(silos, 0), Gateway(silos, 1));
        using var client = await ExternalClient.StartAsync(new InMemoryTransport(silos.Network), Gateway(silos, 0));
        var connector = client.Services.GetRequiredService<GatewayConnector>();

        await Poll.UntilAsync(() => connector.KnownGateways.Contains(Gateway(silos, 1)), "the welcome's gateway list to name silo 1");
        list.Set(Gateway(silos, 0), "127.0.0.9:30000");

        await Poll.UntilAsync(() => connector.KnownGateways.Contains("127.0.0.9:30000"), "the pushed change to reach the client");
        Assert.DoesNotContain(Gateway(silos, 1), connector.KnownGateways);
    }

    [Fact]
    public async Task Connect_NoListProvider_GatewayNamesItself()
    {
        await using var silos = await LinkedSilos.StartAsync(1);

        var list = silos.Host(0).Services.GetRequiredService<ClientGateway>().GatewayList;

        Assert.Equal([Gateway(silos, 0)], list.Gateways);
        Assert.False(list.Draining);
    }

    [Fact]
    public async Task Connect_FirstGivenGatewayDead_SkipsItAndConnectsToTheNext()
    {
        await using var silos = await LinkedSilos.StartAsync(1);

        using var client = await ExternalClient.StartAsync(new InMemoryTransport(silos.Network), "127.0.0.1:1", Gateway(silos, 0));

        Assert.Equal(5m, await client.Services.GetRequiredService<IClusterClient>().GetGrain<IEchoGrain>("e").Add(2m, 3m));
        Assert.Equal(Gateway(silos, 0), client.Services.GetRequiredService<GatewayConnector>().Session!.Remote);
    }

    [Fact]
    public async Task SendRequest_GatewayDroppedTheConnection_NextCallSucceedsThroughTheLearnedGateway()
    {
        var list = new FakeGatewayList();
        await using var silos = await LinkedSilos.StartAsync(2, (i, silo) => silo.ConfigureServices(s => s.AddSingleton<IGatewayListProvider>(list)));
        list.Set(Gateway(silos, 0), Gateway(silos, 1));
        using var client = await ExternalClient.StartAsync(new InMemoryTransport(silos.Network), Gateway(silos, 0));
        var connector = client.Services.GetRequiredService<GatewayConnector>();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        await Poll.UntilAsync(() => connector.KnownGateways.Contains(Gateway(silos, 1)), "the client to learn silo 1's gateway");

        // A call in flight when the gateway goes fails at once; the next one connects elsewhere.
        var hanging = grains.GetGrain<ISlowGrain>("s").Hang();
        await silos.Gates.WaitFor("entered:hang");
        await silos.Host(0).Services.GetRequiredService<ClientGateway>().DropConnectionsAsync("dropped by the test");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => hanging);

        Assert.Equal(7m, await grains.GetGrain<IEchoGrain>("after").Add(3m, 4m));
        Assert.Equal(Gateway(silos, 1), connector.Session!.Remote);
    }

    [Fact]
    public async Task StopSilo_ClientConnectedToIt_InFlightCallIsAnsweredAndNextCallsGoElsewhereWithNoFailure()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        using var client = await ExternalClient.StartAsync(new InMemoryTransport(silos.Network), Gateway(silos, 0), Gateway(silos, 1));
        var connector = client.Services.GetRequiredService<GatewayConnector>();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var inFlight = grains.GetGrain<ISlowGrain>("s").Hang();
        await silos.Gates.WaitFor("entered:hang");
        var draining = connector.Session!;

        var stopping = silos.Host(0).StopAsync();
        await Poll.UntilAsync(() => draining.Draining, "silo 0's gateway to tell the client it drains");
        var calls = Enumerable.Range(0, 20).Select(i => grains.GetGrain<IEchoGrain>($"e{i}").Add(i, 1m)).ToArray();
        await Task.WhenAll(calls).WaitAsync(Poll.DefaultTimeout);
        silos.Gates.Raise("release:hang");

        await inFlight.WaitAsync(Poll.DefaultTimeout);
        await stopping.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(Gateway(silos, 1), connector.Session!.Remote);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i + 1m), calls.Select(c => c.Result));
    }

    [Fact]
    public async Task SendRequest_SiloRefusesForShutdownBeforeItsDrainNoticeArrives_CallIsSentThroughAnotherGateway()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        using var client = await ExternalClient.StartAsync(new InMemoryTransport(silos.Network), Gateway(silos, 0), Gateway(silos, 1));
        var connector = client.Services.GetRequiredService<GatewayConnector>();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        Assert.Equal(Gateway(silos, 0), connector.Session!.Remote);

        // Silo 0 refuses calls while its gateway has told the client nothing yet: a call crossing the notice on the wire.
        await silos.Host(0).Services.GetRequiredService<SiloHostedService>().StoppingAsync(CancellationToken.None);

        Assert.Equal(3m, await grains.GetGrain<IEchoGrain>("crossing").Add(1m, 2m).WaitAsync(Poll.DefaultTimeout));
        Assert.Equal(Gateway(silos, 1), connector.Session!.Remote);
    }

    [Fact]
    public async Task StoppingAsync_Draining_RefusesNewClientsAndNamesOnlyTheOthers()
    {
        var list = new FakeGatewayList();
        await using var silos = await LinkedSilos.StartAsync(2, (i, silo) => silo.ConfigureServices(s => s.AddSingleton<IGatewayListProvider>(list)));
        list.Set(Gateway(silos, 0), Gateway(silos, 1));
        var gateway = silos.Host(0).Services.GetRequiredService<ClientGateway>();
        var endpoint = Gateway(silos, 0);

        await gateway.StoppingAsync(CancellationToken.None);

        Assert.True(gateway.GatewayList.Draining);
        Assert.Equal([Gateway(silos, 1)], gateway.GatewayList.Gateways);
        await Assert.ThrowsAsync<IOException>(() => new InMemoryTransport(silos.Network).ConnectAsync(endpoint, CancellationToken.None));
    }

    private static string Gateway(LinkedSilos silos, int silo) =>
        silos.Host(silo).Services.GetRequiredService<ClientGateway>().BoundEndpoints[0];

    /// <summary>A gateway list the test sets, as membership would as silos come and go.</summary>
    private sealed class FakeGatewayList : IGatewayListProvider
    {
        private IReadOnlyList<string> _gateways = [];

        public event Action? Changed;

        public IReadOnlyList<string> Gateways => Volatile.Read(ref _gateways);

        public void Set(params string[] gateways)
        {
            Volatile.Write(ref _gateways, gateways);
            Changed?.Invoke();
        }
    }
}
