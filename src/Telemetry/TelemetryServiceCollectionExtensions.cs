using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansBank.Telemetry;

/// <summary>Registers OTLP export of the "OrleansBank" traces and metrics in a host.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OtlpOptions"/> ("Otlp", else the OTEL_EXPORTER_OTLP_ENDPOINT variable) and <see cref="TracingOptions"/>
    /// ("Tracing"), checks them at start, and exports over OTLP when an endpoint is set.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, which holds the "Otlp" and "Tracing" sections.</param>
    /// <param name="serviceName">The OpenTelemetry service.name, e.g. "orleansbank-silo".</param>
    /// <param name="instanceId">This process's service.instance.id, e.g. the silo's address; default: a new one.</param>
    public static IServiceCollection AddOrleansBankTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, string? instanceId = null)
    {
        services.AddOptions<OtlpOptions>()
            .Bind(configuration.GetSection(OtlpOptions.SectionName))
            .PostConfigure(o => o.Endpoint = string.IsNullOrWhiteSpace(o.Endpoint) ? Environment.GetEnvironmentVariable(OtlpOptions.EndpointVariable) is { Length: > 0 } e ? e : null : o.Endpoint)
            .ValidateOnStart();
        services.AddOptions<TracingOptions>().Bind(configuration.GetSection(TracingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracingOptions>, TracingOptionsValidator>());
        services.TryAddSingleton(new TelemetryService(serviceName, instanceId ?? Guid.NewGuid().ToString("N")));
        services.AddHostedService<TelemetryExport>();
        return services;
    }
}
