using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;

namespace OrleansBank.Runtime.Tests.Cluster;

public class DirectoryGrainLocatorTests
{
    private static readonly GrainId Grain = new("account", "42");

    private static DirectoryGrainLocator Locator(MembershipRig rig, RigSilo silo, PlacementStrategy placement = PlacementStrategy.HashBased) =>
        new(rig.Tables, silo.Service, new LocalSiloDetails(silo.Address), _ => placement, NullLogger<DirectoryGrainLocator>.Instance);

    [Fact]
    public async Task LocateAsync_RegisteredOnALiveSilo_AnswersItAndThenFromTheCacheWithoutWaiting()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(3);
        using var locator = Locator(rig, silos[0], PlacementStrategy.PreferLocal);
        await rig.Tables.RegisterAsync(new GrainRegistration(Grain, silos[2].Address, "activation-1"));

        Assert.Equal(silos[2].Address, await locator.LocateAsync(Grain));
        await rig.Tables.UnregisterAsync(new GrainRegistration(Grain, silos[2].Address, "activation-1"));
        var cached = locator.LocateAsync(Grain);

        // The hot path: a cache hit is a completed ValueTask, and it does not go back to the table.
        Assert.True(cached.IsCompletedSuccessfully);
        Assert.Equal(silos[2].Address, await cached);
    }

    [Fact]
    public async Task LocateAsync_BeforeThisSiloJoined_WaitsForTheJoinAndSkipsItsPreviousGenerationsRow()
    {
        await using var rig = new MembershipRig();
        var old = rig.Silo(11111, generation: 1);
        await old.Service.JoinAsync(CancellationToken.None);
        await old.BecomeActiveAsync();
        await rig.Tables.RegisterAsync(new GrainRegistration(Grain, old.Address, "before-the-crash"));
        var restarted = rig.Silo(11111, generation: 2);
        using var locator = Locator(rig, restarted, PlacementStrategy.PreferLocal);

        // The restarted silo has read nothing yet: its old generation's row would pass for a live holder.
        var located = locator.LocateAsync(Grain).AsTask();
        Assert.False(located.IsCompleted);
        await restarted.Service.JoinAsync(CancellationToken.None);
        Assert.False(located.IsCompleted);
        await restarted.BecomeActiveAsync();

        Assert.Equal(restarted.Address, await located.WaitAsync(TestingHost.Poll.DefaultTimeout));
    }

    [Fact]
    public async Task LocateAsync_ThisSiloNeverJoins_FailsAfterTheJoinTimeoutSayingWhatItWaitedFor()
    {
        await using var rig = new MembershipRig();
        var silo = rig.Silo(11111, generation: 1);
        var time = new TestingHost.ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var locator = new DirectoryGrainLocator(
            rig.Tables, silo.Service, new LocalSiloDetails(silo.Address), _ => PlacementStrategy.PreferLocal, NullLogger<DirectoryGrainLocator>.Instance, TimeSpan.FromSeconds(5), time);

        var located = locator.LocateAsync(Grain).AsTask();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(located.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => located.WaitAsync(TestingHost.Poll.DefaultTimeout));
        Assert.Contains($"Silo {silo.Address} could not locate account/42", error.Message);
        Assert.Contains("waited 00:00:05 to read its own membership row active (it is missing)", error.Message);
    }

    [Fact]
    public async Task LocateAsync_NoRegistration_PlacesWithoutCachingTheGuess()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(3);
        using var locator = Locator(rig, silos[0]);
        var owner = new ConsistentHashRing(silos.Select(s => s.Address)).Owner(Grain.ToString());

        Assert.Equal(owner, await locator.LocateAsync(Grain));
        Assert.Equal(0, locator.CachedCount);
    }

    [Fact]
    public async Task LocateAsync_CachedSiloDeclaredDead_DropsTheEntryAndPlacesAmongTheLiving()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(3);
        using var locator = Locator(rig, silos[0], PlacementStrategy.PreferLocal);
        await rig.Tables.RegisterAsync(new GrainRegistration(Grain, silos[2].Address, "activation-1"));
        Assert.Equal(silos[2].Address, await locator.LocateAsync(Grain));

        await silos[2].Service.LeaveAsync();
        await silos[0].Service.RefreshAsync();

        Assert.Equal(0, locator.CachedCount);
        Assert.Equal(silos[0].Address, await locator.LocateAsync(Grain));
    }

    [Fact]
    public async Task LocateAsync_AfterTheSnapshotNamesTheCachedSiloDeadButBeforeTheCacheIsCleaned_PlacesAmongTheLiving()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(3);
        // Subscribed before the locator, so it runs once the snapshot naming silo 2 dead is published but before the
        // locator's own clean-up, as any earlier subscriber (the gateway list, a test's liveness wait) may.
        DirectoryGrainLocator? locator = null;
        Task<SiloAddress>? locatedOnTheNews = null;
        silos[0].Service.Changed += update =>
        {
            if (update.BecameDead.Contains(silos[2].Address))
            {
                locatedOnTheNews = locator!.LocateAsync(Grain).AsTask();
            }
        };
        locator = Locator(rig, silos[0], PlacementStrategy.PreferLocal);
        await rig.Tables.RegisterAsync(new GrainRegistration(Grain, silos[2].Address, "activation-1"));
        Assert.Equal(silos[2].Address, await locator.LocateAsync(Grain));

        await silos[2].Service.LeaveAsync();
        await silos[0].Service.RefreshAsync();

        Assert.NotNull(locatedOnTheNews);
        Assert.Equal(silos[0].Address, await locatedOnTheNews.WaitAsync(TestingHost.Poll.DefaultTimeout));
        locator.Dispose();
    }

    [Fact]
    public async Task RegisterAsync_LosesToAnotherSilo_ReturnsTheWinnerAndCachesIt()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(2);
        using var locator = Locator(rig, silos[0]);
        var winner = new GrainRegistration(Grain, silos[1].Address, "theirs");
        await rig.Tables.RegisterAsync(winner);

        var holder = await locator.RegisterAsync(new GrainRegistration(Grain, silos[0].Address, "mine"));

        Assert.Equal(winner, holder);
        Assert.Equal(silos[1].Address, await locator.LocateAsync(Grain));
    }

    [Fact]
    public async Task RegisterAsync_LeftoverRowOfAnEarlierActivationHere_ReplacesIt()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(2);
        using var locator = Locator(rig, silos[0]);
        await rig.Tables.RegisterAsync(new GrainRegistration(Grain, silos[0].Address, "gone"));
        var mine = new GrainRegistration(Grain, silos[0].Address, "new");

        Assert.Equal(mine, await locator.RegisterAsync(mine));
        Assert.Equal(mine, await rig.Tables.LookupAsync(Grain));
    }

    [Fact]
    public async Task UnregisterAsync_OwnActivation_RemovesTheRowAndTheCacheEntry()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(2);
        using var locator = Locator(rig, silos[0], PlacementStrategy.PreferLocal);
        var mine = new GrainRegistration(Grain, silos[0].Address, "mine");
        await locator.RegisterAsync(mine);
        Assert.Equal(1, locator.CachedCount);

        await locator.UnregisterAsync(mine);

        Assert.Null(await rig.Tables.LookupAsync(Grain));
        Assert.Equal(0, locator.CachedCount);
    }

    [Fact]
    public async Task RegisterAsync_SiloNotAMember_ReturnsNull()
    {
        await using var rig = new MembershipRig();
        var silos = await rig.ActiveSilosAsync(1);
        var outsider = rig.Silo(11200);
        using var locator = Locator(rig, outsider);

        Assert.Null(await locator.RegisterAsync(new GrainRegistration(Grain, outsider.Address, "mine")));
        Assert.Equal(0, locator.CachedCount);
        Assert.Single(silos);
    }
}
