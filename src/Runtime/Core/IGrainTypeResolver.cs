namespace OrleansBank.Runtime;

/// <summary>Maps a grain interface to the grain type that implements it: from the registry in a silo, from the manifest in a client.</summary>
internal interface IGrainTypeResolver
{
    string GetGrainType(Type grainInterface);
}
