namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>The gateways (<c>host:port</c>) a silo tells its clients about, and when that list changes.</summary>
/// <remarks>Without one registered, a silo names only its own gateway; a cluster member names every active one.</remarks>
internal interface IGatewayListProvider
{
    /// <summary>The active gateways now; empty means "only this silo's own".</summary>
    IReadOnlyList<string> Gateways { get; }

    /// <summary>Raised after <see cref="Gateways"/> changed; handlers must not block.</summary>
    event Action? Changed;
}
