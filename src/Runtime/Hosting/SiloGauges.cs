using System.Diagnostics.Metrics;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Hosting;

/// <summary>
/// The silo's observable instruments: activations by grain type, requests waiting for a turn, and open connections by
/// port. Read only when a listener collects (a scrape), so they cost nothing on the call path.
/// </summary>
internal sealed class SiloGauges
{
    private static readonly KeyValuePair<string, object?> GatewayPort = new("port", "gateway");
    private static readonly KeyValuePair<string, object?> SiloPort = new("port", "silo");

    public SiloGauges(IMeterFactory meters, Catalog catalog, ClientGateway? gateway = null)
    {
        var meter = meters.Create(OrleansBankMeter.Name);
        meter.CreateObservableUpDownCounter(
            "orleansbank.activations",
            () => catalog.Activations
                .GroupBy(a => a.Class.GrainType, StringComparer.Ordinal)
                .Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("grain.type", g.Key)))
                .ToList(),
            "{activation}",
            "Activations alive on this silo, by grain type.");
        meter.CreateObservableGauge(
            "orleansbank.requests.queued",
            () => catalog.Activations.Sum(a => (long)a.WaitingCount),
            "{request}",
            "Requests waiting for a turn, over all activations of this silo.");
        if (gateway is not null)
        {
            meter.CreateObservableUpDownCounter(
                "orleansbank.gateway.connections",
                () =>
                {
                    var (clients, silos) = gateway.ConnectionCounts();
                    return (IEnumerable<Measurement<long>>)[new(clients, GatewayPort), new(silos, SiloPort)];
                },
                "{connection}",
                "Open connections: clients on the gateway port, silo links on the silo port.");
        }
    }
}
