using Microsoft.Extensions.DependencyInjection;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

public class SiloLinkTests
{
    [Fact]
    public async Task Call_GrainPlacedOnAnotherSilo_RunsThere()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("far");
        silos.Place(grain, 1);

        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI());
        Assert.Equal(silos.Address(0).ToString(), await silos.Grains(0).GetGrain<ILinkGrain>("near").WhereAmI());
    }

    [Fact]
    public async Task Call_ThreeSilos_EachGrainRunsOnItsSilo()
    {
        await using var silos = await LinkedSilos.StartAsync(3);
        for (var i = 0; i < 3; i++)
        {
            silos.Place(silos.Grains(0).GetGrain<ILinkGrain>($"g{i}"), i);
        }

        for (var from = 0; from < 3; from++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(silos.Address(i).ToString(), await silos.Grains(from).GetGrain<ILinkGrain>($"g{i}").WhereAmI());
            }
        }
    }

    [Fact]
    public async Task Call_GrainOnAnotherSiloThrows_CallerGetsTheExceptionTypeAndMessage()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("thrower");
        silos.Place(grain, 1);

        var error = await Assert.ThrowsAsync<LinkFailureException>(() => grain.Throw("insufficient coffee"));

        Assert.Equal("insufficient coffee", error.Message);
    }

    [Fact]
    public async Task Call_GrainOnAnotherSiloTooSlow_TimesOutNamingGrainAndMethod()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("slow");
        silos.Place(grain, 1);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.HangBriefly().WaitAsync(Poll.DefaultTimeout));

        Assert.Contains("link/slow", error.Message);
        Assert.Contains("HangBriefly", error.Message);
    }

    [Fact]
    public async Task CallCycle_AcrossSilos_FailsFastNamingTheChainAndTheSilo()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var a = silos.Grains(0).GetGrain<ILinkGrain>("a");
        var b = silos.Grains(0).GetGrain<ILinkGrain>("b");
        silos.Place(a, 0);
        silos.Place(b, 1);

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.CallThrough("b").WaitAsync(Poll.DefaultTimeout));

        Assert.Equal(["link/a.CallThrough", "link/b.CallBack", "link/a.WhereAmI"], error.CallChain);
        Assert.Contains($"(found on silo {silos.Address(0)})", error.Message);
    }

    [Fact]
    public async Task CallCycle_AcrossSilosBetweenReentrantGrains_Interleaves()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var a = silos.Grains(1).GetGrain<IReentrantLinkGrain>("a");
        silos.Place(a, 0);
        silos.Place(silos.Grains(1).GetGrain<IReentrantLinkGrain>("b"), 1);

        Assert.Equal(silos.Address(0).ToString(), await a.CallThrough("b").WaitAsync(Poll.DefaultTimeout));
    }

    [Fact]
    public async Task LinkDrop_CallInFlight_FailsAtOnceNamingTheSilo()
    {
        await using var silos = await LinkedSilos.StartAsync(2, configure: (_, s) => s.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5)));
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("held");
        silos.Place(grain, 1);
        var call = grain.Hang();
        await silos.Gates.WaitFor("entered:link-hang");

        await silos.Links(0).Get(silos.Address(1)).CloseAsync("cut by the test");

        // The response timeout is 5 minutes: only the drop can end the call within the bound.
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Poll.DefaultTimeout));
        Assert.Contains(silos.Address(1).ToString(), error.Message);
        Assert.Contains("cut by the test", error.Message);
        Assert.Equal(0, silos.Links(0).Get(silos.Address(1)).PendingCount);
    }

    [Fact]
    public async Task LinkDrop_NextCall_Reconnects()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("again");
        silos.Place(grain, 1);
        await grain.WhereAmI();
        var link = silos.Links(0).Get(silos.Address(1));
        var first = link.Connection!;

        await link.CloseAsync("cut by the test");

        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
        Assert.NotSame(first, link.Connection);
    }

    [Fact]
    public async Task Link_ManyCallsBeforeConnecting_ShareOneConnection()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var grains = Enumerable.Range(0, 20).Select(i => silos.Grains(0).GetGrain<ILinkGrain>($"many{i}")).ToArray();
        foreach (var grain in grains)
        {
            silos.Place(grain, 1);
        }

        var answers = await Task.WhenAll(grains.Select(g => g.WhereAmI())).WaitAsync(Poll.DefaultTimeout);

        Assert.All(answers, a => Assert.Equal(silos.Address(1).ToString(), a));
        Assert.Equal(1, silos.Host(1).Services.GetRequiredService<Runtime.Messaging.Gateway.ClientGateway>().ConnectionCount);
    }

    [Fact]
    public async Task ClientCall_ToGrainOnAnotherSilo_IsForwardedByItsGateway()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var gateway = silos.Host(0).Services.GetRequiredService<Runtime.Messaging.Gateway.ClientGateway>().BoundEndpoints[0];
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseStaticClustering(gateway).UseInMemoryTransport(silos.Network));
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        var grain = clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<ILinkGrain>("forwarded");
        silos.Place(grain, 1);

        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
        Assert.Equal("from afar", (await Assert.ThrowsAsync<LinkFailureException>(() => grain.Throw("from afar"))).Message);
        await clientHost.StopAsync();
    }

    [Fact]
    public async Task QueuedRemoteRequest_DeadlinePassedBeforeItsTurn_IsNotRunOnTheCallee()
    {
        var time = new ManualTimeProvider();
        await using var silos = await LinkedSilos.StartAsync(2, (_, s) => s.ConfigureServices(services => services.AddSingleton<TimeProvider>(time)));
        var grain = silos.Grains(0).GetGrain<TestGrains.IRecorderGrain>("expired");
        silos.Place(grain, 1);
        var catalog = silos.Host(1).Services.GetRequiredService<Runtime.Activation.Catalog>();
        var first = grain.Hold("a");
        await silos.Gates.WaitFor("entered:a");
        var late = grain.Hold("late");
        await Poll.UntilAsync(
            () => catalog.TryGet(grain.GetGrainId(), out var activation) && activation!.WaitingCount >= 1,
            "the second request to be queued on the callee silo");

        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TimeoutException>(() => late.WaitAsync(Poll.DefaultTimeout));
        await Assert.ThrowsAsync<TimeoutException>(() => first.WaitAsync(Poll.DefaultTimeout));
        silos.Gates.Raise("release:a");
        silos.Gates.Raise("release:next");

        // Queued behind the expired request on the callee, so once it runs the expired one has been dealt with.
        await grain.Hold("next").WaitAsync(Poll.DefaultTimeout);
        Assert.DoesNotContain("enter:late", silos.Gates.Log);
    }
}
