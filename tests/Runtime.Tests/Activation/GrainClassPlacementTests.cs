using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.Cluster;

namespace OrleansBank.Runtime.Tests.Activation;

public class GrainClassPlacementTests
{
    [Theory]
    [InlineData(typeof(PlacedGrain), PlacementStrategy.Random)]
    [InlineData(typeof(PreferLocalGrain), PlacementStrategy.PreferLocal)]
    [InlineData(typeof(HashPlacedGrain), PlacementStrategy.HashBased)]
    public void Placement_GrainClass_IsWhatItsAttributeSaysAndRandomWithout(Type grainClass, PlacementStrategy expected)
    {
        Assert.Equal(expected, new GrainClass(grainClass).Placement);
    }

    [Fact]
    public void PlacementOf_GrainTypes_ReadsTheClassAndIsRandomForAnUnknownType()
    {
        var registry = new GrainTypeRegistry([typeof(GrainClassPlacementTests).Assembly]);

        Assert.Equal(PlacementStrategy.HashBased, registry.PlacementOf("hashplaced"));
        Assert.Equal(PlacementStrategy.PreferLocal, registry.PlacementOf("preferlocal"));
        Assert.Equal(PlacementStrategy.Random, registry.PlacementOf("no-such-type"));
    }
}
