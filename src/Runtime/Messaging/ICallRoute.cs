namespace OrleansBank.Runtime.Messaging;

/// <summary>The link a call went out on: when it closes, every call sent over it fails at once.</summary>
/// <remarks>An interface, not the client's session type, so silo-to-silo links can carry calls the same way.</remarks>
internal interface ICallRoute
{
    /// <summary>The peer at the other end, for error messages.</summary>
    string Remote { get; }
}
