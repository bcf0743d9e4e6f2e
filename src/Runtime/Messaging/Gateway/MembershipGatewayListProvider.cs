using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>The gateways of the silos the membership table calls active, refreshed when a silo becomes active or dead.</summary>
internal sealed class MembershipGatewayListProvider : IGatewayListProvider, IDisposable
{
    private readonly MembershipService _membership;
    private readonly object _lock = new();
    private IReadOnlyList<string> _gateways;

    public MembershipGatewayListProvider(MembershipService membership)
    {
        _membership = membership;
        _gateways = Of(membership.Snapshot);
        membership.Changed += OnChanged;
    }

    public event Action? Changed;

    public IReadOnlyList<string> Gateways => Volatile.Read(ref _gateways);

    public void Dispose() => _membership.Changed -= OnChanged;

    /// <summary>The active rows' gateways, in ring order; a row without one (a silo without a gateway) adds nothing.</summary>
    public static IReadOnlyList<string> Of(MembershipSnapshot snapshot) =>
        [.. snapshot.Entries
            .Where(e => e.Status == SiloStatus.Active && !string.IsNullOrEmpty(e.GatewayEndpoint))
            .Select(e => e.GatewayEndpoint!)
            .Distinct(StringComparer.Ordinal)];

    private void OnChanged(MembershipUpdate update)
    {
        var next = Of(update.Snapshot);
        lock (_lock)
        {
            if (next.SequenceEqual(_gateways, StringComparer.Ordinal))
            {
                return;
            }

            Volatile.Write(ref _gateways, next);
        }

        Changed?.Invoke();
    }
}
