using System.ComponentModel;

namespace OrleansBank.Runtime.Messaging;

/// <summary>What a generated reference calls through: the call invoker, and its methods in the order the generator emitted them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainReferenceBinding
{
    internal GrainReferenceBinding(GrainInterface grainInterface, GrainCallInvoker invoker)
    {
        Interface = grainInterface;
        Invoker = invoker;
        Methods = grainInterface.Generated!.Methods;
    }

    internal GrainInterface Interface { get; }

    internal GrainCallInvoker Invoker { get; }

    internal GrainInterfaceMethod[] Methods { get; }
}
