using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

public class ConsistentHashRingTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 20_000).Select(i => $"account/{i}")];

    private static SiloAddress Silo(int i) => new("127.0.0.1", 11111 + i, 1_763_790_000_000 + i);

    [Fact]
    public void Owner_FourSilos_EachOwnsNearAQuarterOfTheKeys()
    {
        var ring = new ConsistentHashRing(Enumerable.Range(0, 4).Select(Silo));

        var shares = Keys.GroupBy(ring.Owner).ToDictionary(g => g.Key, g => (double)g.Count() / Keys.Length);

        Assert.Equal(4, shares.Count);
        Assert.All(shares.Values, share => Assert.InRange(share, 0.15, 0.35));
    }

    [Fact]
    public void Owner_FifthSiloJoins_OnlyAboutAFifthOfTheKeysMoveAndAllToTheNewcomer()
    {
        var before = new ConsistentHashRing(Enumerable.Range(0, 4).Select(Silo));
        var after = new ConsistentHashRing(Enumerable.Range(0, 5).Select(Silo));

        var moved = Keys.Where(k => before.Owner(k) != after.Owner(k)).ToList();

        // Modulo placement would move about 4/5 of the keys; a consistent ring moves the newcomer's share alone.
        Assert.InRange((double)moved.Count / Keys.Length, 0.10, 0.30);
        Assert.All(moved, k => Assert.Equal(Silo(4), after.Owner(k)));
    }

    [Fact]
    public void Owner_SameSilosInAnyOrder_SameOwnerForEveryKey()
    {
        var one = new ConsistentHashRing([Silo(0), Silo(1), Silo(2)]);
        var other = new ConsistentHashRing([Silo(2), Silo(0), Silo(1)]);

        Assert.All(Keys.Take(1000), k => Assert.Equal(one.Owner(k), other.Owner(k)));
    }

    [Fact]
    public void Owner_EmptyRing_ThrowsSayingSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConsistentHashRing([]).Owner("account/1"));

        Assert.Contains("no silos", error.Message);
    }
}
