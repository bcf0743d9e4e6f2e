using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

public class GrainPlacementTests
{
    private static readonly SiloAddress A = new("127.0.0.1", 11111, 1);
    private static readonly SiloAddress B = new("127.0.0.1", 11112, 2);
    private static readonly SiloAddress C = new("127.0.0.1", 11113, 3);

    private static IEnumerable<GrainId> Grains => Enumerable.Range(0, 300).Select(i => new GrainId("account", $"{i}"));

    [Fact]
    public void Place_Random_PicksOnlyActiveSilosAndSpreadsOverAll()
    {
        var placement = new GrainPlacement([A, B], here: C);

        var picked = Grains.Select(g => placement.Place(g, PlacementStrategy.Random)).ToHashSet();

        Assert.Equal([A, B], picked.OrderBy(s => s.Port));
    }

    [Fact]
    public void Place_PreferLocalOnAnActiveSilo_PicksThisSilo()
    {
        var placement = new GrainPlacement([A, B, C], here: B);

        Assert.All(Grains, g => Assert.Equal(B, placement.Place(g, PlacementStrategy.PreferLocal)));
    }

    [Fact]
    public void Place_PreferLocalOnASiloNotActive_FallsBackToTheActiveOnes()
    {
        var placement = new GrainPlacement([A, B], here: C);

        var picked = Grains.Select(g => placement.Place(g, PlacementStrategy.PreferLocal)).ToHashSet();

        Assert.Equal([A, B], picked.OrderBy(s => s.Port));
    }

    [Fact]
    public void Place_HashBased_EverySiloPicksTheRingOwner()
    {
        var ring = new ConsistentHashRing([A, B, C]);
        var fromA = new GrainPlacement([A, B, C], here: A);
        var fromC = new GrainPlacement([A, B, C], here: C);

        Assert.All(Grains, g =>
        {
            Assert.Equal(ring.Owner(g.ToString()), fromA.Place(g, PlacementStrategy.HashBased));
            Assert.Equal(ring.Owner(g.ToString()), fromC.Place(g, PlacementStrategy.HashBased));
        });
        Assert.Equal(3, Grains.Select(g => fromA.Place(g, PlacementStrategy.HashBased)).Distinct().Count());
    }

    [Fact]
    public void Place_NoActiveSiloYet_PicksThisSilo()
    {
        var placement = new GrainPlacement([], here: A);

        Assert.Equal(A, placement.Place(new GrainId("account", "1"), PlacementStrategy.Random));
    }
}
