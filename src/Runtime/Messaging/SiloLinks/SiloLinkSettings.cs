using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>What every outbound link of a silo shares: who this silo is, its cluster, transport, limits and clock.</summary>
internal sealed record SiloLinkSettings(
    SiloAddress Local,
    string ClusterId,
    string? Secret,
    IConnectionTransport Transport,
    ConnectionOptions Connection,
    CoarseClock Clock);
