using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.SiloLinks;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

public class SiloLinkProberTests
{
    [Fact]
    public async Task Probe_LivePeer_Succeeds()
    {
        await using var silos = await LinkedSilos.StartAsync(2);

        var result = await new SiloLinkProber(silos.Links(0)).ProbeAsync(silos.Address(1), CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Probe_PeerBusyInALongTurn_StillAnswers()
    {
        await using var silos = await LinkedSilos.StartAsync(2, configure: (_, s) => s.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5)));
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("busy");
        silos.Place(grain, 1);
        var call = grain.Hang();
        await silos.Gates.WaitFor("entered:link-hang");

        // The pong comes from the peer's read loop, not from a grain turn: a silo busy with grain work is alive.
        var result = await new SiloLinkProber(silos.Links(0)).ProbeAsync(silos.Address(1), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.False(call.IsCompleted);
    }

    [Fact]
    public async Task Probe_PeerStopped_FailsWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var prober = new SiloLinkProber(silos.Links(0));
        Assert.True((await prober.ProbeAsync(silos.Address(1), CancellationToken.None)).Succeeded);

        await silos.Host(1).StopAsync();
        var result = await prober.ProbeAsync(silos.Address(1), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.FailureReason));
    }

    [Fact]
    public async Task Probe_PeerStoppingGracefully_AnswersUntilItsLastStepThenFails()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var prober = new SiloLinkProber(silos.Links(0));
        var gateway = silos.Host(1).Services.GetRequiredService<ClientGateway>();

        // While its grains deactivate (after the gateway's stop) the silo must still answer, or its peers would vote
        // it dead and activate its grains elsewhere before they had finished there.
        await gateway.StoppingAsync(CancellationToken.None);
        await gateway.StopAsync(CancellationToken.None);
        var whileStopping = await prober.ProbeAsync(silos.Address(1), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        await gateway.StoppedAsync(CancellationToken.None);
        var afterwards = await prober.ProbeAsync(silos.Address(1), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);

        Assert.True(whileStopping.Succeeded, whileStopping.FailureReason);
        Assert.False(afterwards.Succeeded);
    }

    [Fact]
    public async Task Probe_PeerAcceptsButNeverAnswers_FailsWhenTheProbeTimeoutCancels()
    {
        await using var silos = await LinkedSilos.StartAsync(1, tcp: true);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var target = new SiloAddress("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port, 1);
        using var probeTimeout = new CancellationTokenSource();

        var probe = new SiloLinkProber(silos.Links(0)).ProbeAsync(target, probeTimeout.Token);
        using var peer = await accepted.WaitAsync(Poll.DefaultTimeout);
        Assert.False(probe.IsCompleted);
        await probeTimeout.CancelAsync();
        var result = await probe.WaitAsync(Poll.DefaultTimeout);

        Assert.False(result.Succeeded);
        Assert.Contains("no pong before the probe timeout", result.FailureReason);
    }

    [Fact]
    public async Task Ping_OverALink_LeavesItUsableForCalls()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var link = silos.Links(0).Get(silos.Address(1));

        await link.PingAsync(CancellationToken.None).WaitAsync(Poll.DefaultTimeout);

        // The pong settles the ping; the link stays usable for calls.
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("after-ping");
        silos.Place(grain, 1);
        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI());
    }
}
