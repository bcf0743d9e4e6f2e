using System.Reflection;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>A reference to a grain for an interface without generated code: implements it and turns each call into a message.</summary>
/// <remarks>Public and unsealed because <see cref="DispatchProxy"/> derives a type from it per interface, once.</remarks>
public class GrainReference : DispatchProxy, IAddressable, IGrainIdentity
{
    private GrainInterface _interface = null!;
    private GrainCallInvoker _invoker = null!;

    /// <summary>The grain this reference names.</summary>
    public GrainId GrainId { get; private set; }

    internal static object Create(GrainInterface grainInterface, GrainId grainId, GrainCallInvoker invoker)
    {
        var proxy = (GrainReference)Create(grainInterface.Type, typeof(GrainReference));
        proxy._interface = grainInterface;
        proxy.GrainId = grainId;
        proxy._invoker = invoker;
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _interface.GetMethod(targetMethod!);
        return _invoker.Invoke(GrainId, method, new ArgumentsRequest(method, args ?? []));
    }

    /// <inheritdoc/>
    /// <remarks>A generated and a proxy reference to one grain are equal; a grain instance is not its reference.</remarks>
    public override bool Equals(object? obj) => obj is GrainReference or GeneratedGrainReference && ((IGrainIdentity)obj).GrainId == GrainId;

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"GrainReference({_interface.Name}, {GrainId})";
}
