using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Binds <see cref="ClusterOptions"/> from the "Cluster" configuration section and validates them at start.</summary>
internal static class ClusterOptionsServiceCollectionExtensions
{
    public static IServiceCollection AddClusterOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        return services;
    }
}
