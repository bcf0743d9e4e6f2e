using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;
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
        await silos.Host(1).Services.GetRequiredService<ClientGateway>().StopAsync(CancellationToken.None);

        var seen = await watcher.WaitForAsync(s => s.DeadSilos.Contains(victim), CancellationToken.None).WaitAsync(Poll.DefaultTimeout);
        Assert.Equal([silos.Address(0)], seen.ActiveSilos);
    }
}
