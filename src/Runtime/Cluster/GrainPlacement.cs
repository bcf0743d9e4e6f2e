namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// Picks the silo for a grain's new activation among the active silos of one membership snapshot, by the grain class's
/// <see cref="PlacementStrategy"/>. With no active silo known yet (this silo still joining), it answers this silo.
/// </summary>
internal sealed class GrainPlacement
{
    private readonly SiloAddress[] _active;
    private readonly ConsistentHashRing _ring;
    private readonly SiloAddress _here;
    private readonly bool _hereIsActive;

    public GrainPlacement(IEnumerable<SiloAddress> activeSilos, SiloAddress here)
    {
        _active = [.. activeSilos];
        _ring = new ConsistentHashRing(_active);
        _here = here;
        _hereIsActive = Array.IndexOf(_active, here) >= 0;
    }

    public IReadOnlyList<SiloAddress> ActiveSilos => _active;

    public SiloAddress Place(GrainId grainId, PlacementStrategy strategy)
    {
        if (_active.Length == 0)
        {
            return _here;
        }

        return strategy switch
        {
            PlacementStrategy.PreferLocal when _hereIsActive => _here,
            PlacementStrategy.HashBased => _ring.Owner(grainId.ToString()),
            _ => _active[Random.Shared.Next(_active.Length)],
        };
    }
}
