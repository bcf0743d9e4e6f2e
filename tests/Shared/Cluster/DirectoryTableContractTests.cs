using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Tests.Cluster.ClusterTableFixtures;

namespace OrleansBank.Tests.Cluster;

/// <summary>The directory rules every store keeps; each store's test class derives from this one.</summary>
public abstract class DirectoryTableContractTests
{
    private readonly string _clusterId = NewClusterId();

    /// <summary>A store scoped to <paramref name="clusterId"/>, initialized; it serves membership and the directory.</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync(string clusterId);

    private static GrainId NewGrain() => new("account", Guid.NewGuid().ToString("N"));

    private static string NewActivation() => Guid.NewGuid().ToString("N");

    private async Task<(IMembershipTable Membership, IGrainDirectoryTable Directory)> CreateAsync(string? clusterId = null)
    {
        var table = await CreateTableAsync(clusterId ?? _clusterId);
        return (table, (IGrainDirectoryTable)table);
    }

    [Fact]
    public async Task Lookup_NoRegistration_ReturnsNull()
    {
        var (_, directory) = await CreateAsync();

        Assert.Null(await directory.LookupAsync(NewGrain()));
    }

    [Fact]
    public async Task Register_LiveSilo_WinsAndLookupFindsIt()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo));
        var registration = new GrainRegistration(new GrainId("account/with/slashes", "key/also"), silo, NewActivation());

        Assert.Equal(registration, await directory.RegisterAsync(registration));

        Assert.Equal(registration, await directory.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task Register_GrainAlreadyRegistered_ReturnsTheFirstWinner()
    {
        var (membership, directory) = await CreateAsync();
        var (first, second) = (NewSilo(), NewSilo());
        await InsertAsync(membership, Entry(first));
        await InsertAsync(membership, Entry(second));
        var grain = NewGrain();
        var winner = new GrainRegistration(grain, first, NewActivation());
        await directory.RegisterAsync(winner);

        Assert.Equal(winner, await directory.RegisterAsync(new GrainRegistration(grain, second, NewActivation())));

        Assert.Equal(winner, await directory.LookupAsync(grain));
    }

    [Fact]
    public async Task Register_RacingActivations_ExactlyOneWinsAndEveryoneIsToldIt()
    {
        const int Racers = 6;
        var (membership, directory) = await CreateAsync();
        var silos = Enumerable.Range(0, Racers).Select(_ => NewSilo()).ToArray();
        foreach (var silo in silos)
        {
            await InsertAsync(membership, Entry(silo));
        }

        var grain = NewGrain();
        var candidates = silos.Select(s => new GrainRegistration(grain, s, NewActivation())).ToArray();

        var answers = await RaceAsync(Racers, i => directory.RegisterAsync(candidates[i]));

        var winner = Assert.Single(candidates, c => answers.Contains(c));
        Assert.All(answers, a => Assert.Equal(winner, a));
        Assert.Equal(winner, await directory.LookupAsync(grain));
    }

    [Fact]
    public async Task Register_SiloNotInTheTable_ReturnsNullAndRegistersNothing()
    {
        var (_, directory) = await CreateAsync();
        var grain = NewGrain();

        Assert.Null(await directory.RegisterAsync(new GrainRegistration(grain, NewSilo(), NewActivation())));

        Assert.Null(await directory.LookupAsync(grain));
    }

    [Fact]
    public async Task Register_DeadSilo_ReturnsNullAndRegistersNothing()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo, SiloStatus.Dead));
        var grain = NewGrain();

        Assert.Null(await directory.RegisterAsync(new GrainRegistration(grain, silo, NewActivation())));

        Assert.Null(await directory.LookupAsync(grain));
    }

    [Fact]
    public async Task Unregister_ThatActivation_RemovesTheRegistration()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo));
        var registration = new GrainRegistration(NewGrain(), silo, NewActivation());
        await directory.RegisterAsync(registration);

        Assert.True(await directory.UnregisterAsync(registration));

        Assert.Null(await directory.LookupAsync(registration.GrainId));
        Assert.False(await directory.UnregisterAsync(registration));
    }

    [Fact]
    public async Task Unregister_AnotherActivation_KeepsTheRegistration()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo));
        var registration = new GrainRegistration(NewGrain(), silo, NewActivation());
        await directory.RegisterAsync(registration);

        Assert.False(await directory.UnregisterAsync(registration with { ActivationId = NewActivation() }));
        Assert.False(await directory.UnregisterAsync(registration with { Silo = new SiloAddress(silo.Host, silo.Port, silo.Generation + 1) }));

        Assert.Equal(registration, await directory.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task UpdateRow_SiloWrittenDead_DropsItsRegistrationsAndNoOneElses()
    {
        var (membership, directory) = await CreateAsync();
        var (dying, living) = (NewSilo(), NewSilo());
        var etag = await InsertAsync(membership, Entry(dying));
        await InsertAsync(membership, Entry(living));
        var lost = new[] { NewGrain(), NewGrain() }.Select(g => new GrainRegistration(g, dying, NewActivation())).ToArray();
        var kept = new GrainRegistration(NewGrain(), living, NewActivation());
        foreach (var registration in lost.Append(kept))
        {
            await directory.RegisterAsync(registration);
        }

        var read = await membership.ReadAllAsync();
        Assert.True(await membership.UpdateRowAsync(Entry(dying, SiloStatus.Dead), etag, read.Version.Next()));

        foreach (var registration in lost)
        {
            Assert.Null(await directory.LookupAsync(registration.GrainId));
        }

        Assert.Equal(kept, await directory.LookupAsync(kept.GrainId));
        var again = new GrainRegistration(lost[0].GrainId, living, NewActivation());
        Assert.Equal(again, await directory.RegisterAsync(again));
    }

    [Fact]
    public async Task UpdateRow_DeadWriteRefused_KeepsTheSilosRegistrations()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(membership, Entry(silo));
        var registration = new GrainRegistration(NewGrain(), silo, NewActivation());
        await directory.RegisterAsync(registration);
        var stale = (await membership.ReadAllAsync()).Version;
        await InsertAsync(membership, Entry(NewSilo()));

        Assert.False(await membership.UpdateRowAsync(Entry(silo, SiloStatus.Dead), etag, stale.Next()));

        Assert.Equal(registration, await directory.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task UpdateRow_SiloWrittenShuttingDown_KeepsItsRegistrations()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        var etag = await InsertAsync(membership, Entry(silo));
        var registration = new GrainRegistration(NewGrain(), silo, NewActivation());
        await directory.RegisterAsync(registration);
        var read = await membership.ReadAllAsync();

        Assert.True(await membership.UpdateRowAsync(Entry(silo, SiloStatus.ShuttingDown), etag, read.Version.Next()));

        Assert.Equal(registration, await directory.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DropsTheRegistrationsOfTheRowsItDeletes()
    {
        var (membership, directory) = await CreateAsync();
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo, SiloStatus.Joining));
        var registration = new GrainRegistration(NewGrain(), silo, NewActivation());
        await directory.RegisterAsync(registration);

        await membership.CleanupDefunctSiloEntriesAsync(Epoch.AddDays(1));

        Assert.Null(await directory.LookupAsync(registration.GrainId));
    }

    [Fact]
    public async Task Directories_OfTwoClusterIds_AreIsolated()
    {
        var (membership, directory) = await CreateAsync();
        var (otherMembership, otherDirectory) = await CreateAsync(NewClusterId());
        var silo = NewSilo();
        await InsertAsync(membership, Entry(silo));
        await InsertAsync(otherMembership, Entry(silo));
        var grain = NewGrain();
        var mine = new GrainRegistration(grain, silo, NewActivation());
        var theirs = mine with { ActivationId = NewActivation() };

        Assert.Equal(mine, await directory.RegisterAsync(mine));
        Assert.Equal(theirs, await otherDirectory.RegisterAsync(theirs));
        await otherMembership.DeleteMembershipTableEntriesAsync(NewClusterId());

        Assert.Equal(mine, await directory.LookupAsync(grain));
        Assert.Equal(theirs, await otherDirectory.LookupAsync(grain));
    }
}
