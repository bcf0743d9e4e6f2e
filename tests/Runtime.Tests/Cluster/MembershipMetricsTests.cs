using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Core.Metrics;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Membership's instruments: status changes read and suspicion votes written, on a rig of three silos.</summary>
public sealed class MembershipMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task ProbePeersAsync_PeerMissesProbesOfTwoSilos_CountsTwoSuspicionsAndEachSurvivorSeesItDead()
    {
        var meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var recorder = new MeasurementRecorder(meters);
        await using var rig = new MembershipRig(metrics: new MembershipMetrics(meters));
        var silos = await rig.ActiveSilosAsync(3);
        var (a, b, c) = (silos[0], silos[1], silos[2]);
        var deadBefore = recorder.Sum("orleansbank.membership.changes", ("status", "dead"));
        a.Prober.Set(c.Address, ProbeBehaviour.Fail);
        b.Prober.Set(c.Address, ProbeBehaviour.Fail);

        await MissedRoundsAsync(rig, a);
        await MissedRoundsAsync(rig, b);
        await a.Service.RefreshAsync();

        Assert.Equal(0, deadBefore);
        Assert.Equal(2, recorder.Sum("orleansbank.membership.suspicions"));
        Assert.True(recorder.Sum("orleansbank.membership.changes", ("status", "active")) >= 3, "each silo read at least one silo become active");

        // b wrote c dead and read it back; a read it on its refresh; c never read the table again.
        Assert.Equal(2, recorder.Sum("orleansbank.membership.changes", ("status", "dead")));
    }

    private static async Task MissedRoundsAsync(MembershipRig rig, RigSilo prober)
    {
        for (var round = 0; round < rig.Options.NumMissedProbesLimit; round++)
        {
            await prober.Service.ProbePeersAsync();
            await rig.AdvanceWithHeartbeatsAsync(rig.Options.ProbeInterval);
        }
    }
}
