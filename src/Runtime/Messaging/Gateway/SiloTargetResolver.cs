using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Protocol;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>What a silo hosts, by the names requests use: interface full name, grain type, method id.</summary>
internal sealed class SiloTargetResolver : IGrainTargetResolver
{
    private static readonly GrainInterface Remindable = GrainInterface.For(typeof(IRemindable));

    private readonly Dictionary<string, (GrainInterface Interface, string GrainType)> _byInterfaceName;
    private readonly GrainTypeRegistry _registry;

    public SiloTargetResolver(GrainTypeRegistry registry)
    {
        _registry = registry;
        _byInterfaceName = registry.ByInterface.ToDictionary(
            pair => pair.Key.FullName!,
            pair => (GrainInterface.For(pair.Key), pair.Value.GrainType),
            StringComparer.Ordinal);
        Manifest = new Manifest(Environment.MachineName, _byInterfaceName.ToDictionary(p => p.Key, p => p.Value.GrainType));
    }

    public Manifest Manifest { get; }

    public GrainMethod Resolve(string grainType, string interfaceName, uint methodId)
    {
        // Many grain types implement IRemindable, so it is not in the one-implementation map: the grain type decides.
        if (interfaceName == typeof(IRemindable).FullName && _registry.TryGetByGrainType(grainType, out var remindable) && remindable!.IsRemindable)
        {
            return Remindable.TryGetMethod(methodId, out var tick)
                ? tick!
                : throw new UnknownGrainTargetException($"{interfaceName} has no method with id {methodId}: the client and silo disagree on the interface.");
        }

        if (!_byInterfaceName.TryGetValue(interfaceName, out var target))
        {
            throw new UnknownGrainTargetException($"No grain interface '{interfaceName}' is hosted by this silo.");
        }

        if (target.GrainType != grainType)
        {
            throw new UnknownGrainTargetException($"Unknown grain type '{grainType}': {interfaceName} is implemented by grain type '{target.GrainType}'.");
        }

        return target.Interface.TryGetMethod(methodId, out var method)
            ? method!
            : throw new UnknownGrainTargetException($"{interfaceName} has no method with id {methodId}: the client and silo disagree on the interface.");
    }
}
