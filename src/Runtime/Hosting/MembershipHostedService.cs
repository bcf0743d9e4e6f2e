using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;

namespace OrleansBank.Runtime.Hosting;

/// <summary>
/// Runs the membership service with the host: joins at start (after the silo's own start, being registered later);
/// on stop writes ShuttingDown before any service stops and Dead after all have, so the row says Dead only once the
/// silo's grains are gone.
/// </summary>
internal sealed class MembershipHostedService(MembershipService membership, SiloPortListener? siloPort = null) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The silo port is bound before the row says Active: peers probe an active silo at once, and a port not yet bound
        // (a fixed one is bound only when the gateway starts, after this) refuses them, a miss each, until they vote
        // the new silo dead. Bound, it holds their probes until the gateway accepts them.
        siloPort?.BindPort();
        return membership.StartAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => membership.ShutDownAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => membership.LeaveAsync().WaitAsync(cancellationToken);
}
