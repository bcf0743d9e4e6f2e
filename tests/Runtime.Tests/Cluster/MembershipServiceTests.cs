using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>
/// Joining, heartbeats, probes, votes and self-death of membership services sharing one memory store. The tests drive
/// each step (probe round, refresh, heartbeat) by hand on a manual clock, so every interleaving is the one claimed.
/// </summary>
public class MembershipServiceTests
{
    private static readonly GrainId Grain = new("account", "alice");

    [Fact]
    public async Task StartAsync_NewSilo_InsertsJoiningThenWritesActive()
    {
        await using var rig = new MembershipRig();
        var silo = rig.Silo(11111);

        await silo.Service.StartAsync(CancellationToken.None);

        Assert.Equal([(silo.Address, SiloStatus.Joining), (silo.Address, SiloStatus.Active)], rig.Table.Writes);
        Assert.Equal(SiloStatus.Active, (await rig.RowAsync(silo.Address)).Status);
        Assert.Equal([silo.Address], silo.Service.Snapshot.ActiveSilos);
    }

    [Fact]
    public async Task HeartbeatAsync_ActiveSilo_MovesIAmAliveAndNotTheVersion()
    {
        await using var rig = new MembershipRig();
        var silo = (await rig.ActiveSilosAsync(1))[0];
        var before = await rig.Tables.ReadAllAsync();

        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        await silo.Service.HeartbeatAsync();

        var after = await rig.Tables.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Find(silo.Address)!.Value.ETag, after.Find(silo.Address)!.Value.ETag);
        Assert.Equal(rig.Clock.GetUtcNow(), after.Find(silo.Address)!.Value.Entry.IAmAliveTime);
    }

    [Fact]
    public async Task ProbePeersAsync_PeerMissesProbesOfTwoSilos_DeclaredDeadByTwoVotesAndItsDirectoryRowsGo()
    {
        await using var rig = new MembershipRig();
        var (a, b, c) = await ThreeAsync(rig);
        Assert.NotNull(await rig.Tables.RegisterAsync(new GrainRegistration(Grain, c.Address, "activation-1")));
        a.Prober.Set(c.Address, ProbeBehaviour.Fail);
        b.Prober.Set(c.Address, ProbeBehaviour.Fail);

        await MissedRoundsAsync(rig, a, c);
        Assert.Equal(SiloStatus.Active, (await rig.RowAsync(c.Address)).Status);
        await MissedRoundsAsync(rig, b, c);

        var row = await rig.RowAsync(c.Address);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal([a.Address, b.Address], row.SuspectTimes.Select(v => v.Voter));
        Assert.Null(await rig.Tables.LookupAsync(Grain));
        Assert.Contains(c.Address, b.Service.Snapshot.DeadSilos);
    }

    [Fact]
    public async Task Changed_PeerDeclaredDeadAndNewcomerActive_TellsSubscribersWhichSilosChanged()
    {
        await using var rig = new MembershipRig();
        var (a, b) = await TwoAsync(rig);
        var updates = new List<MembershipUpdate>();
        a.Service.Changed += updates.Add;
        a.Prober.Set(b.Address, ProbeBehaviour.Fail);

        await MissedRoundsAsync(rig, a, b);
        var newcomer = rig.Silo(11120);
        await newcomer.Service.JoinAsync(CancellationToken.None);
        await newcomer.BecomeActiveAsync();
        await a.Service.RefreshAsync();

        Assert.Equal([[b.Address]], updates.Select(u => u.BecameDead).Where(d => d.Count > 0));
        Assert.Equal([[newcomer.Address]], updates.Select(u => u.BecameActive).Where(d => d.Count > 0));
    }

    [Fact]
    public async Task ProbePeersAsync_OneVoterInThreeSiloCluster_WritesAVoteButNotDead()
    {
        await using var rig = new MembershipRig();
        var (a, _, c) = await ThreeAsync(rig);
        a.Prober.Set(c.Address, ProbeBehaviour.Fail);

        await MissedRoundsAsync(rig, a, c);
        await MissedRoundsAsync(rig, a, c);

        var row = await rig.RowAsync(c.Address);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal([a.Address], row.SuspectTimes.Select(v => v.Voter));
    }

    [Fact]
    public async Task ProbePeersAsync_FirstVoteExpiredBeforeTheSecond_ExpiredVoteDoesNotCount()
    {
        await using var rig = new MembershipRig();
        var (a, b, c) = await ThreeAsync(rig);
        a.Prober.Set(c.Address, ProbeBehaviour.Fail);
        b.Prober.Set(c.Address, ProbeBehaviour.Fail);
        await MissedRoundsAsync(rig, a, c);

        // c keeps heartbeating (it is only unreachable), so the majority stays three and two votes are needed.
        for (var waited = TimeSpan.Zero; waited <= rig.Options.VoteExpiration; waited += TimeSpan.FromSeconds(1))
        {
            await rig.AdvanceWithHeartbeatsAsync(TimeSpan.FromSeconds(1));
        }

        await MissedRoundsAsync(rig, b, c);

        var row = await rig.RowAsync(c.Address);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal([b.Address], row.SuspectTimes.Select(v => v.Voter));
    }

    [Fact]
    public async Task ProbePeersAsync_PeerHangs_CountsAMissWhenTheProbeTimeoutPasses()
    {
        await using var rig = new MembershipRig();
        var (a, b) = await TwoAsync(rig);
        a.Prober.Set(b.Address, ProbeBehaviour.Hang);

        for (var round = 0; round < rig.Options.NumMissedProbesLimit; round++)
        {
            var probing = a.Service.ProbePeersAsync();
            await a.Prober.Probed(b.Address);
            rig.Clock.Advance(rig.Options.ProbeTimeout);
            await probing;
        }

        // Two active silos: a majority of two is one vote, so a alone declares b.
        Assert.Equal(SiloStatus.Dead, (await rig.RowAsync(b.Address)).Status);
    }

    [Fact]
    public async Task ProbePeersAsync_SiloWithoutPeers_NeverProbesNorSuspects()
    {
        await using var rig = new MembershipRig();
        var alone = (await rig.ActiveSilosAsync(1))[0];

        for (var round = 0; round < 5; round++)
        {
            await alone.Service.ProbePeersAsync();
            await rig.AdvanceWithHeartbeatsAsync(rig.Options.ProbeInterval);
        }

        Assert.Equal(0, alone.Prober.TotalCalls);
        Assert.Empty((await rig.RowAsync(alone.Address)).SuspectTimes);
    }

    [Fact]
    public async Task ProbePeersAsync_ManyPeers_ProbesTheNextOnesInRingOrder()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(5);

        await silos[3].Service.ProbePeersAsync();

        // Ring order is the address text: 11114 probes the three after it, wrapping round: 11115, 11111, 11112.
        Assert.Equal([1, 1, 0, 0, 1], silos.Select(s => silos[3].Prober.Calls(s.Address)));
        Assert.Equal(rig.Options.NumProbedSilos, silos[3].Prober.TotalCalls);
    }

    [Fact]
    public async Task RefreshAsync_SiloReadsItselfDead_RaisesTheStopSignalExactlyOnce()
    {
        await using var rig = new MembershipRig();
        var (a, b, c) = await ThreeAsync(rig);
        b.Prober.Set(a.Address, ProbeBehaviour.Fail);
        c.Prober.Set(a.Address, ProbeBehaviour.Fail);
        await MissedRoundsAsync(rig, b, a);
        await MissedRoundsAsync(rig, c, a);
        Assert.Equal(0, a.Lifetime.Count);

        await a.Service.RefreshAsync();
        await a.Service.RefreshAsync();
        await a.Service.ProbePeersAsync();

        Assert.Contains("declared it dead", await a.Lifetime.Stopped.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, a.Lifetime.Count);
    }

    [Fact]
    public async Task JoinAsync_RestartOnTheSameEndpoint_DeclaresTheOldGenerationDead()
    {
        await using var rig = new MembershipRig();
        var old = rig.Silo(11111, generation: 1_000);
        await old.Service.JoinAsync(CancellationToken.None);
        await old.BecomeActiveAsync();
        Assert.NotNull(await rig.Tables.RegisterAsync(new GrainRegistration(Grain, old.Address, "activation-1")));

        var restarted = rig.Silo(11111, generation: 2_000);
        await restarted.Service.JoinAsync(CancellationToken.None);

        Assert.Equal(SiloStatus.Dead, (await rig.RowAsync(old.Address)).Status);
        Assert.Equal(SiloStatus.Joining, (await rig.RowAsync(restarted.Address)).Status);
        Assert.Null(await rig.Tables.LookupAsync(Grain));
        Assert.Equal(0, restarted.Prober.TotalCalls);
        await old.Service.RefreshAsync();
        Assert.Equal(1, old.Lifetime.Count);
    }

    [Fact]
    public async Task JoinAsync_ColdStartAfterFullCrash_DeclaresEveryStaleUnreachableMemberDeadWithoutWaiting()
    {
        await using var rig = new MembershipRig();
        var crashed = new[] { 11111, 11112, 11113 }.Select(port => new SiloAddress("127.0.0.1", port, 1_000 + port)).ToArray();
        var crashTime = rig.Clock.GetUtcNow();
        foreach (var silo in crashed)
        {
            var data = await rig.Tables.ReadAllAsync();
            Assert.True(await rig.Tables.InsertRowAsync(
                new MembershipEntry { SiloAddress = silo, Status = SiloStatus.Active, StartTime = crashTime, IAmAliveTime = crashTime },
                data.Version.Next()));
        }

        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var newcomer = rig.Silo(11120);
        foreach (var silo in crashed)
        {
            newcomer.Prober.Set(silo, ProbeBehaviour.Fail);
        }

        var startedAt = rig.Clock.GetUtcNow();
        await newcomer.Service.JoinAsync(CancellationToken.None);

        foreach (var silo in crashed)
        {
            Assert.Equal(SiloStatus.Dead, (await rig.RowAsync(silo)).Status);
        }

        Assert.Equal(startedAt, rig.Clock.GetUtcNow());
        await newcomer.BecomeActiveAsync();
        Assert.Equal([newcomer.Address], newcomer.Service.Snapshot.ActiveSilos);
    }

    [Fact]
    public async Task JoinAsync_StaleMemberThatAnswers_IsLeftAlive()
    {
        await using var rig = new MembershipRig();
        var slow = (await rig.ActiveSilosAsync(1))[0];
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var newcomer = rig.Silo(11120);

        await newcomer.Service.JoinAsync(CancellationToken.None);

        Assert.Equal(1, newcomer.Prober.Calls(slow.Address));
        var row = await rig.RowAsync(slow.Address);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Empty(row.SuspectTimes);
    }

    [Fact]
    public async Task LeaveAsync_GracefulStop_WritesShuttingDownThenDeadAndNeverStopsItself()
    {
        await using var rig = new MembershipRig();
        var silo = rig.Silo(11111);
        await silo.Service.StartAsync(CancellationToken.None);

        await silo.Service.ShutDownAsync();
        await silo.Service.LeaveAsync();

        Assert.Equal(
            [SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead],
            rig.Table.Writes.Select(w => w.Status));
        Assert.Equal(SiloStatus.Dead, (await rig.RowAsync(silo.Address)).Status);
        Assert.Equal(0, silo.Lifetime.Count);
    }

    [Fact]
    public async Task SuspectAsync_TwoVotersRaceOnOneRead_EndInOneConsistentDeadRow()
    {
        await using var rig = new MembershipRig();
        var (a, b, c) = await ThreeAsync(rig);
        rig.Table.HoldUpdatesUntil(2);
        var writesBefore = rig.Table.Writes.Count;

        var declared = await Task.WhenAll(a.Service.SuspectAsync(c.Address, onlyIfStale: false), b.Service.SuspectAsync(c.Address, onlyIfStale: false));

        // Both wrote a lone vote on the same read; one won, the loser re-read, saw two votes and declared.
        Assert.Equal(1, declared.Count(d => d));
        var row = await rig.RowAsync(c.Address);
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal(2, row.SuspectTimes.Select(v => v.Voter).Distinct().Count());
        Assert.Equal([SiloStatus.Active, SiloStatus.Dead], rig.Table.Writes.Skip(writesBefore).Select(w => w.Status));
    }

    [Fact]
    public async Task StartAsync_PeerStopsAnsweringWithTimersRunning_EverySurvivorSeesItDead()
    {
        await using var rig = new MembershipRig();
        var silos = new[] { rig.Silo(11111), rig.Silo(11112), rig.Silo(11113) };
        foreach (var silo in silos)
        {
            await silo.Service.StartAsync(CancellationToken.None);
        }

        var (a, b, killed) = (silos[0], silos[1], silos[2]);
        await killed.Service.DisposeAsync();
        a.Prober.Set(killed.Address, ProbeBehaviour.Hang);
        b.Prober.Set(killed.Address, ProbeBehaviour.Fail);

        var seen = Task.WhenAll(
            a.Service.WaitForAsync(s => s.DeadSilos.Contains(killed.Address), CancellationToken.None),
            b.Service.WaitForAsync(s => s.DeadSilos.Contains(killed.Address), CancellationToken.None));
        await TestingHost.Poll.UntilAsync(
            () =>
            {
                rig.Clock.Advance(TimeSpan.FromMilliseconds(250));
                return seen.IsCompleted;
            },
            "both survivors to see the silo that stopped answering dead, driven by their probe timers");

        await seen;
        Assert.Equal(0, a.Lifetime.Count + b.Lifetime.Count);
    }

    private static async Task<(RigSilo A, RigSilo B, RigSilo C)> ThreeAsync(MembershipRig rig)
    {
        var silos = await rig.ActiveSilosAsync(3);
        return (silos[0], silos[1], silos[2]);
    }

    private static async Task<(RigSilo A, RigSilo B)> TwoAsync(MembershipRig rig)
    {
        var silos = await rig.ActiveSilosAsync(2);
        return (silos[0], silos[1]);
    }

    /// <summary>Lets <paramref name="prober"/> miss <paramref name="target"/> as many rounds as the limit, a probe interval apart.</summary>
    private static async Task MissedRoundsAsync(MembershipRig rig, RigSilo prober, RigSilo target)
    {
        for (var round = 0; round < rig.Options.NumMissedProbesLimit; round++)
        {
            await prober.Service.ProbePeersAsync();
            await rig.AdvanceWithHeartbeatsAsync(rig.Options.ProbeInterval);
        }
    }
}
