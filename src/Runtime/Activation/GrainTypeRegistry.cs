using System.Reflection;

namespace OrleansBank.Runtime.Activation;

/// <summary>The grain classes a silo hosts, found by scanning the assemblies it was given.</summary>
internal sealed class GrainTypeRegistry : IGrainTypeResolver
{
    private readonly Dictionary<string, GrainClass> _byGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, GrainClass> _byInterface = [];

    /// <param name="assemblies">The assemblies to scan for grain classes.</param>
    /// <param name="services">The silo's services, where constructor facet mappers are found; null to map types only.</param>
    public GrainTypeRegistry(IEnumerable<Assembly> assemblies, IServiceProvider? services = null)
    {
        var classes = assemblies.Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IGrainBase).IsAssignableFrom(t) && !t.ContainsGenericParameters);
        foreach (var type in classes)
        {
            var grainClass = new GrainClass(type, services);
            if (!_byGrainType.TryAdd(grainClass.GrainType, grainClass))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byGrainType[grainClass.GrainType].Type.FullName} and {type.FullName} both have grain type '{grainClass.GrainType}': rename one or give it [GrainType].");
            }

            foreach (var grainInterface in grainClass.GrainInterfaces)
            {
                if (!_byInterface.TryAdd(grainInterface, grainClass))
                {
                    throw new InvalidOperationException(
                        $"Grain interface {grainInterface.Name} is implemented by both {_byInterface[grainInterface].Type.Name} and {type.Name}: a grain interface needs one implementation.");
                }
            }
        }
    }

    public IEnumerable<GrainClass> Classes => _byGrainType.Values;

    public IReadOnlyDictionary<Type, GrainClass> ByInterface => _byInterface;

    /// <summary>The placement of a grain type's class; random for a type this silo does not host.</summary>
    public PlacementStrategy PlacementOf(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var grainClass) ? grainClass.Placement : PlacementStrategy.Random;

    public bool TryGetByGrainType(string grainType, out GrainClass? grainClass) => _byGrainType.TryGetValue(grainType, out grainClass);

    public string GetGrainType(Type grainInterface) => _byInterface.TryGetValue(grainInterface, out var c)
        ? c.GrainType
        : throw new ArgumentException(
            $"No grain class implements {grainInterface.Name}: add its assembly to the silo (ISiloBuilder.AddGrainAssembly).",
            nameof(grainInterface));
}
