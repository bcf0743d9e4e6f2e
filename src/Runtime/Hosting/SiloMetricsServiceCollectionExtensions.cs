using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Registers the silo's instruments on the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.</summary>
internal static class SiloMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        // The host's meter factory scopes the silo's meters, so two silos in one process keep their numbers apart.
        services.AddMetrics();
        services.AddOptions<SiloMetricsOptions>().Bind(configuration.GetSection(SiloMetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloMetricsOptions>, SiloMetricsOptionsValidator>());
        services.TryAddSingleton<GrainCallMetrics>();
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<MembershipMetrics>();
        services.TryAddSingleton<ReminderMetrics>();
        services.TryAddSingleton<SiloGauges>();
        return services;
    }
}
