namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// What a gateway tells its client: the cluster's active gateways (<c>host:port</c>), and whether the gateway itself is
/// draining, in which case the client sends its next calls elsewhere while the calls in flight are still answered.
/// </summary>
internal sealed record GatewayList(IReadOnlyList<string> Gateways, bool Draining);
