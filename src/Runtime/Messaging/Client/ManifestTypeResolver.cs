using OrleansBank.Runtime.Messaging.Protocol;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>A client's grain types, from the manifest in the last welcome it got from a silo.</summary>
internal sealed class ManifestTypeResolver : IGrainTypeResolver
{
    private volatile Manifest? _manifest;

    public void Use(Manifest manifest) => _manifest = manifest;

    public string GetGrainType(Type grainInterface)
    {
        var manifest = _manifest ?? throw new InvalidOperationException("The client has not connected yet: start its host first.");
        return manifest.GrainTypesByInterface.TryGetValue(grainInterface.FullName!, out var grainType)
            ? grainType
            : throw new ArgumentException($"The silo '{manifest.SiloName}' hosts no grain that implements {grainInterface.Name}.", nameof(grainInterface));
    }
}
