using System.Collections.Concurrent;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

/// <summary>Where the test put each grain: a grain not placed lives on the silo that asks.</summary>
internal sealed class Placement
{
    public ConcurrentDictionary<GrainId, SiloAddress> Silos { get; } = new();
}

/// <summary>A locator that answers from the test's <see cref="Placement"/>, so a test decides which silo runs a grain.</summary>
internal sealed class PlacedGrainLocator(Placement placement, ILocalSiloDetails localSilo) : IGrainLocator
{
    public ValueTask<SiloAddress> LocateAsync(GrainId grainId) =>
        new(placement.Silos.TryGetValue(grainId, out var silo) ? silo : localSilo.SiloAddress);
}
