using System.ComponentModel;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>The base of the reference classes the code generator emits: each method hands a typed request to the runtime.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GeneratedGrainReference : IAddressable, IGrainIdentity
{
    private readonly GrainReferenceBinding _binding;

    // The activation this reference's last call went to, when it lives in this process: the next call goes straight there.
    private ActivationHandle? _local;

    /// <summary>Binds the reference to the runtime that created it and the grain it names.</summary>
    protected GeneratedGrainReference(GrainReferenceBinding binding, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(binding);
        _binding = binding;
        GrainId = grainId;
    }

    /// <summary>The grain this reference names.</summary>
    public GrainId GrainId { get; }

    /// <inheritdoc/>
    /// <remarks>A generated and a proxy reference to one grain are equal; a grain instance is not its reference.</remarks>
    public override bool Equals(object? obj) => obj is GrainReference or GeneratedGrainReference && ((IGrainIdentity)obj).GrainId == GrainId;

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => $"GrainReference({_binding.Interface.Name}, {GrainId})";

    /// <summary>Sends <paramref name="request"/> as a call of the generated method numbered <paramref name="method"/>.</summary>
    protected Task Invoke(int method, GrainRequest request) =>
        _binding.Invoker.Invoke(GrainId, _binding.Methods[method], request, ref _local);

    /// <summary>Sends <paramref name="request"/> as a call of the generated method numbered <paramref name="method"/>, which returns a result.</summary>
    protected Task<TResult> Invoke<TResult>(int method, GrainRequest request) =>
        (Task<TResult>)_binding.Invoker.Invoke(GrainId, _binding.Methods[method], request, ref _local);
}
