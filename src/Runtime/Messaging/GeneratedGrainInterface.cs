namespace OrleansBank.Runtime.Messaging;

/// <summary>The generated code of one grain interface, matched to the runtime's view of its methods.</summary>
/// <param name="CreateReference">Creates the generated reference class.</param>
/// <param name="Methods">The runtime's methods, in the order the generator numbered them.</param>
internal sealed record GeneratedGrainInterface(Func<GrainReferenceBinding, GrainId, object> CreateReference, GrainInterfaceMethod[] Methods);
