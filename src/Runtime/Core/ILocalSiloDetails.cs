namespace OrleansBank.Runtime;

/// <summary>Who this silo is: one per silo, fixed for its lifetime, as Orleans' ILocalSiloDetails.</summary>
public interface ILocalSiloDetails
{
    /// <summary>This silo incarnation's address: host, silo port and generation (its start time).</summary>
    SiloAddress SiloAddress { get; }

    /// <summary>Where clients reach this silo's gateway, as <c>host:port</c> with the advertised host; null without a gateway.</summary>
    string? GatewayEndpoint => null;

    /// <summary>This silo's HTTP base address as others must use it (e.g. <c>http://127.0.0.1:8080</c>); null without HTTP.</summary>
    string? HttpEndpoint => null;
}
