using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>A grain method as a caller uses it: the method, and the typed completion the caller awaits.</summary>
internal sealed class GrainInterfaceMethod : GrainMethod
{
    /// <summary>Creates the typed completion the caller awaits.</summary>
    public required Func<IPendingCall> CreatePendingCall { get; init; }
}
