using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Registers the silo's instruments on the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.</summary>
internal static class SiloMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services)
    {
        // The host's meter factory scopes the silo's meters, so two silos in one process keep their numbers apart.
        services.AddMetrics();
        services.TryAddSingleton<GrainCallMetrics>();
        return services;
    }
}
