using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>
/// Closes and forgets this silo's link to every silo the cluster declares dead: calls in flight to it fail at once
/// (a hung or cut-off silo would otherwise hold them until their timeout), and a long-lived cluster does not keep one
/// link per silo generation it ever saw.
/// </summary>
internal sealed class DeadSiloLinkCloser(MembershipService membership, SiloLinkPool? links = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (links is not null)
        {
            membership.Changed += OnChanged;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(MembershipUpdate update)
    {
        foreach (var dead in update.BecameDead)
        {
            _ = links!.DropAsync(dead, "the cluster declared it dead");
        }
    }
}
