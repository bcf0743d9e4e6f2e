using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>Resolves the grain type, interface and method a request names; throws <see cref="UnknownGrainTargetException"/>.</summary>
internal interface IGrainTargetResolver
{
    GrainMethod Resolve(string grainType, string interfaceName, uint methodId);
}
