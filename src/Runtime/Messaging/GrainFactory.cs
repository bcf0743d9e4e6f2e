using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Creates grain references bound to a call invoker; the same factory serves grain code and hosted callers.</summary>
internal sealed class GrainFactory(IGrainTypeResolver resolver, GrainCallInvoker invoker) : IClusterClient
{
    private readonly ConcurrentDictionary<GrainInterface, GrainReferenceBinding> _bindings = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey => Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey => Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var grainInterface = GrainInterface.For(typeof(TGrainInterface));
        var grainId = new GrainId(resolver.GetGrainType(typeof(TGrainInterface)), key);
        if (grainInterface.Generated is not { } generated)
        {
            // No generated code for this interface (its project does not run the generator): a DispatchProxy serves it.
            return (TGrainInterface)GrainReference.Create(grainInterface, grainId, invoker);
        }

        var binding = _bindings.GetOrAdd(grainInterface, static (i, inv) => new GrainReferenceBinding(i, inv), invoker);
        return (TGrainInterface)generated.CreateReference(binding, grainId);
    }
}
