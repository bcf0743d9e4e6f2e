using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Tests.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

/// <summary>Membership with the real prober: silos probe each other over their links.</summary>
public class LinkProbedMembershipTests
{
    [Fact]
    public async Task Membership_PeerGoesSilent_IsDeclaredDeadThroughLinkProbes()
    {
        var store = new MemoryClusterStore();
        await using var silos = await LinkedSilos.StartAsync(2, configure: (_, silo) => silo
            .AddMemoryClusterTables(store)
            .UseClusterMembership(o =>
            {
                o.ProbeInterval = TimeSpan.FromMilliseconds(50);
                o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                o.IAmAliveInterval = TimeSpan.FromMilliseconds(100);
            }));
        var watcher = silos.Host(0).Services.GetRequiredService<MembershipService>();
        await watcher.WaitForAsync(s => s.ActiveSilos.Count == 2, CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        var victim = silos.Address(1);

        // A crash as the network sees it: no more table writes, listeners and connections gone, nothing said.
        silos.Host(1).Services.GetRequiredService<MembershipService>().Dispose();
        var gateway = silos.Host(1).Services.GetRequiredService<ClientGateway>();
        await gateway.StopAsync(CancellationToken.None);
        await gateway.StoppedAsync(CancellationToken.None);

        var seen = await watcher.WaitForAsync(s => s.DeadSilos.Contains(victim), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        Assert.Equal([silos.Address(0)], seen.ActiveSilos);
    }

    [Fact]
    public async Task Membership_PeerDeclaredDead_CallsInFlightToItFailAtOnceAndItsLinkIsForgotten()
    {
        var store = new MemoryClusterStore();
        var victimLifetime = new RecordingSiloLifetime();
        await using var silos = await LinkedSilos.StartAsync(2, configure: (i, silo) =>
        {
            // The victim only records that it should stop, so its connections stay open: only the declaration can
            // end the call below. Probes are rare, so they play no part.
            silo.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            if (i == 1)
            {
                silo.Services.AddSingleton<ISiloLifetime>(victimLifetime);
            }

            silo.AddMemoryClusterTables(store).UseClusterMembership(o => (o.ProbeInterval, o.VoteExpiration) = (TimeSpan.FromHours(1), TimeSpan.FromHours(3)));
        });
        var watcher = silos.Host(0).Services.GetRequiredService<MembershipService>();
        await watcher.WaitForAsync(s => s.ActiveSilos.Count == 2, CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("held-by-the-dead");
        silos.Place(grain, 1);
        var call = grain.Hang();
        await silos.Gates.WaitFor("entered:link-hang");

        Assert.True(await watcher.SuspectAsync(silos.Address(1), onlyIfStale: false));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Poll.DefaultTimeout));
        Assert.Contains("declared it dead", error.Message);
        Assert.DoesNotContain(silos.Address(1), silos.Links(0).Linked);
        await victimLifetime.Stopped.WaitAsync(Poll.DefaultTimeout);
    }
}
