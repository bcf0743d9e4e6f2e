using System.ComponentModel;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>A grain method as generated code names it: where it is declared, and how to make its request.</summary>
/// <remarks>The runtime finds the method by reflection once, so the wire id stays the one the runtime computes.</remarks>
/// <param name="declaringInterface">The interface that declares the method, which may be a base of the grain interface.</param>
/// <param name="name">The method's name.</param>
/// <param name="parameterTypes">The method's parameter types, exactly, to tell overloads apart.</param>
/// <param name="createRequest">Creates an empty request of the method, for the wire to fill.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedGrainMethod(Type declaringInterface, string name, Type[] parameterTypes, Func<GrainRequest> createRequest)
{
    internal Type DeclaringInterface { get; } = declaringInterface;

    internal string Name { get; } = name;

    internal Type[] ParameterTypes { get; } = parameterTypes;

    internal Func<GrainRequest> CreateRequest { get; } = createRequest;

    public override string ToString() => $"{DeclaringInterface.Name}.{Name}({string.Join(", ", ParameterTypes.Select(t => t.Name))})";
}
