namespace OrleansBank.Runtime.Cluster;

/// <summary>The locator of a silo alone: every grain lives here.</summary>
internal sealed class SingleSiloGrainLocator(ILocalSiloDetails localSilo) : IGrainLocator
{
    private readonly SiloAddress _here = localSilo.SiloAddress;

    public ValueTask<SiloAddress> LocateAsync(GrainId grainId) => new(_here);
}
