using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Messaging.SiloLinks;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Silos in one process, members of one cluster on a shared memory store, linked over an in-memory network.</summary>
public class DirectoryClusterTests
{
    [Fact]
    public async Task Call_HundredCallersOnTenGrainsThroughThreeSilos_ExactlyOneActivationEach()
    {
        await using var silos = await StartClusterAsync(3);
        var keys = Enumerable.Range(0, 10).Select(i => $"storm-{i}").ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 100).Select(caller => Task.Run(async () =>
        {
            await start.Task;
            return await Task.WhenAll(keys.Select(k => silos.Grains(caller % 3).GetGrain<IPlacedGrain>(k).WhereAmI()));
        })).ToArray();
        start.SetResult();
        var answers = await Task.WhenAll(callers).WaitAsync(Poll.DefaultTimeout);

        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            Assert.Single(answers.Select(a => a[i]).Distinct());
            Assert.Single(silos.Gates.Log, entry => entry.StartsWith($"activated {key} on ", StringComparison.Ordinal));
            Assert.Equal(1, Enumerable.Range(0, 3).Count(s => Catalog(silos, s).TryGet(new GrainId("placed", key), out _)));
        }
    }

    [Fact]
    public async Task Increment_ThroughEverySiloInTurn_OneActivationKeepsTheCount()
    {
        await using var silos = await StartClusterAsync(3);

        var counts = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            counts.Add(await silos.Grains(i % 3).GetGrain<IPlacedGrain>("counter").Increment());
        }

        Assert.Equal(Enumerable.Range(1, 30), counts);
    }

    [Fact]
    public async Task Activate_TwoSilosAtOnce_OneWinsAndTheLoserForwardsItsQueueWithoutRunningGrainCode()
    {
        // Prefer-local: each silo activates the grain itself. Silo 0's registration is held until silo 1 has won.
        await using var silos = await StartClusterAsync(2, (i, silo) =>
        {
            if (i == 0)
            {
                silo.ConfigureServices(s => s.AddSingleton<IGrainDirectoryTable>(sp =>
                    new PausingDirectoryTable(sp.GetRequiredService<MemoryClusterTables>(), sp.GetRequiredService<Gates>())));
            }
        });

        var viaLoser = silos.Grains(0).GetGrain<IPreferLocalGrain>(PausingDirectoryTable.PausedKey).WhereAmI();
        await silos.Gates.WaitFor("register-entered");
        var viaWinner = await silos.Grains(1).GetGrain<IPreferLocalGrain>(PausingDirectoryTable.PausedKey).WhereAmI();
        silos.Gates.Raise("register-release");

        Assert.Equal(silos.Address(1).ToString(), viaWinner);
        Assert.Equal(silos.Address(1).ToString(), await viaLoser.WaitAsync(Poll.DefaultTimeout));
        Assert.Equal([$"activated race on {silos.Address(1)}"], silos.Gates.Log);
        Assert.False(Catalog(silos, 0).TryGet(new GrainId("preferlocal", PausingDirectoryTable.PausedKey), out _));
        Assert.Equal(silos.Address(1).ToString(), await silos.Grains(0).GetGrain<IPreferLocalGrain>(PausingDirectoryTable.PausedKey).WhereAmI());
    }

    [Fact]
    public async Task Call_ThroughAStaleCacheEntry_IsForwardedToWhereTheGrainLivesNow()
    {
        await using var silos = await StartClusterAsync(3);
        var grainId = new GrainId("preferlocal", "moved");
        Assert.Equal(silos.Address(1).ToString(), await silos.Grains(1).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.Equal(silos.Address(1).ToString(), await silos.Grains(0).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.True(Catalog(silos, 1).TryGet(grainId, out var first));
        first!.TryDeactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "the test moves it"));
        await first.Deactivated.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(silos.Address(2).ToString(), await silos.Grains(2).GetGrain<IPreferLocalGrain>("moved").WhereAmI());

        // Silo 0 still believes silo 1: silo 1 no longer has it, looks it up, and passes the call on to silo 2.
        Assert.Equal(silos.Address(2).ToString(), await silos.Grains(0).GetGrain<IPreferLocalGrain>("moved").WhereAmI());
        Assert.False(Catalog(silos, 1).TryGet(grainId, out _));
        Assert.Equal(2, silos.Gates.Log.Count(e => e.StartsWith("activated moved on ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Call_PreferLocalGrain_RunsOnTheCallingSilo()
    {
        await using var silos = await StartClusterAsync(3);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(silos.Address(i).ToString(), await silos.Grains(i).GetGrain<IPreferLocalGrain>($"local-{i}").WhereAmI());
        }
    }

    [Fact]
    public async Task Call_HashBasedGrain_RunsOnTheRingOwnerWhicheverSiloCalls()
    {
        await using var silos = await StartClusterAsync(3);
        var ring = new ConsistentHashRing(Enumerable.Range(0, 3).Select(silos.Address));

        for (var i = 0; i < 12; i++)
        {
            var grain = silos.Grains(i % 3).GetGrain<IHashPlacedGrain>($"hashed-{i}");
            Assert.Equal(ring.Owner(grain.GetGrainId().ToString()).ToString(), await grain.WhereAmI());
        }
    }

    [Fact]
    public async Task Call_DirectoryAnswersNotAMember_FailsSayingThisSiloIsNoLiveMember()
    {
        await using var silos = await StartClusterAsync(1, (_, silo) =>
            silo.ConfigureServices(s => s.AddSingleton<IGrainDirectoryTable>(sp => new OutsiderDirectoryTable(sp.GetRequiredService<MemoryClusterTables>()))));

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => silos.Grains(0).GetGrain<IPreferLocalGrain>("outsider").WhereAmI());

        Assert.Contains($"Silo {silos.Address(0)} is not a live member of the cluster", error.Message);
        Assert.Empty(silos.Gates.Log);
    }

    private static Catalog Catalog(LinkedSilos silos, int silo) => silos.Host(silo).Services.GetRequiredService<Catalog>();

    /// <summary>Starts <paramref name="count"/> cluster members on one memory store and waits until each sees all active.</summary>
    internal static async Task<LinkedSilos> StartClusterAsync(int count, Action<int, ISiloBuilder>? configure = null)
    {
        var store = new MemoryClusterStore();
        var silos = await LinkedSilos.StartAsync(count, configure: (i, silo) =>
        {
            // LinkedSilos registers its fixed-placement locator, which UseClusterMembership leaves alone: use the directory's.
            silo.AddMemoryClusterTables(store).UseClusterMembership()
                .ConfigureServices(s => s.AddSingleton<IGrainLocator>(sp => sp.GetRequiredService<DirectoryGrainLocator>()));
            configure?.Invoke(i, silo);
        });
        try
        {
            for (var i = 0; i < count; i++)
            {
                await silos.Host(i).Services.GetRequiredService<MembershipService>()
                    .WaitForAsync(s => s.ActiveSilos.Count == count, CancellationToken.None)
                    .WaitAsync(Poll.DefaultTimeout);
            }

            return silos;
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    /// <summary>A directory that answers every registration as one from a silo that is not a live member.</summary>
    private sealed class OutsiderDirectoryTable(IGrainDirectoryTable inner) : IGrainDirectoryTable
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<GrainRegistration?> RegisterAsync(GrainRegistration registration) => Task.FromResult<GrainRegistration?>(null);

        public Task<GrainRegistration?> LookupAsync(GrainId grainId) => inner.LookupAsync(grainId);

        public Task<bool> UnregisterAsync(GrainRegistration registration) => inner.UnregisterAsync(registration);
    }
}
