namespace OrleansBank.Telemetry;

/// <summary>Where to send traces and metrics over OTLP/HTTP (protobuf); no endpoint, no export.</summary>
public sealed class OtlpOptions
{
    public const string SectionName = "Otlp";

    /// <summary>The standard OpenTelemetry variable, used when no endpoint is configured.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The collector's OTLP/HTTP base address, e.g. <c>http://127.0.0.1:4318</c>; traces go to /v1/traces, metrics to /v1/metrics. Default: none.</summary>
    public string? Endpoint { get; set; }

    /// <summary>True for what <see cref="Endpoint"/> accepts: an absolute http or https URL.</summary>
    public static bool IsEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    /// <summary>What is wrong with these options, one sentence each; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Endpoint is { } endpoint && !IsEndpoint(endpoint))
        {
            yield return $"The OTLP endpoint '{endpoint}' (Otlp:Endpoint, --otlp-endpoint or {EndpointVariable}) is not an absolute http or https URL: give the collector's OTLP/HTTP address, such as http://127.0.0.1:4318.";
        }
    }

    /// <summary>The URL of one signal's path under the base endpoint, as OTLP/HTTP names them.</summary>
    internal Uri SignalUrl(string signal) => new($"{Endpoint!.TrimEnd('/')}/v1/{signal}");
}
