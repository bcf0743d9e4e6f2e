using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Where generated code registers, from its module initializer, the reference class and requests of each grain interface.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainReferenceRegistry
{
    private static readonly ConcurrentDictionary<Type, Registration> Registrations = new();

    /// <summary>Registers the generated code of <paramref name="grainInterface"/>; <paramref name="methods"/> are numbered as the reference calls them.</summary>
    public static void Register(Type grainInterface, Func<GrainReferenceBinding, GrainId, object> createReference, params GeneratedGrainMethod[] methods)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        ArgumentNullException.ThrowIfNull(createReference);
        ArgumentNullException.ThrowIfNull(methods);
        Registrations[grainInterface] = new Registration(createReference, methods);
    }

    /// <summary>Matches the generated code of the interface, if any, to the runtime's methods, and gives each method its request factory.</summary>
    internal static GeneratedGrainInterface? Attach(GrainInterface grainInterface)
    {
        // A module initializer runs before code of its module runs, not when one of its types is merely named: run it now.
        RuntimeHelpers.RunModuleConstructor(grainInterface.Type.Module.ModuleHandle);
        if (!Registrations.TryGetValue(grainInterface.Type, out var registration))
        {
            return null;
        }

        if (registration.Methods.Length != grainInterface.Methods.Count)
        {
            throw Stale(grainInterface, $"it has {registration.Methods.Length} methods and the interface {grainInterface.Methods.Count}");
        }

        var methods = new GrainInterfaceMethod[registration.Methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            var generated = registration.Methods[i];
            var info = generated.DeclaringInterface.GetMethod(generated.Name, generated.ParameterTypes)
                ?? throw Stale(grainInterface, $"{generated} is not a method of {generated.DeclaringInterface.Name}");
            methods[i] = grainInterface.GetMethod(info);
            methods[i].CreateRequest = generated.CreateRequest;
        }

        return new GeneratedGrainInterface(registration.CreateReference, methods);
    }

    private static InvalidOperationException Stale(GrainInterface grainInterface, string why) =>
        new($"The generated code of grain interface {grainInterface.Name} does not match it ({why}): rebuild the project that defines it.");

    private sealed record Registration(Func<GrainReferenceBinding, GrainId, object> CreateReference, GeneratedGrainMethod[] Methods);
}
