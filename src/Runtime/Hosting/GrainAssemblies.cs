using System.Reflection;

namespace OrleansBank.Runtime.Hosting;

/// <summary>The assemblies a silo scans for grain classes, collected from AddGrainAssembly calls.</summary>
internal sealed class GrainAssemblies
{
    public List<Assembly> Assemblies { get; } = [];
}
