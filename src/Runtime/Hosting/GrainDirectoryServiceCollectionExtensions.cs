using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Makes a cluster member find each grain's one activation through the grain directory.</summary>
internal static class GrainDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the single silo's locator with the directory's (a locator the host registered itself stays), makes activations register in it, and lets the catalog
    /// forward requests through the message center. Needs the membership service and an <see cref="IGrainDirectoryTable"/>.
    /// </summary>
    public static IServiceCollection AddGrainDirectory(this IServiceCollection services)
    {
        services.TryAddSingleton<IGrainDirectoryTable>(_ => throw new InvalidOperationException(
            "UseClusterMembership needs a grain directory table: add AddMemoryClusterTables() or another cluster table store to the silo."));
        services.TryAddSingleton(sp => new DirectoryGrainLocator(
            sp.GetRequiredService<IGrainDirectoryTable>(),
            sp.GetRequiredService<MembershipService>(),
            sp.GetRequiredService<ILocalSiloDetails>(),
            sp.GetRequiredService<GrainTypeRegistry>().PlacementOf,
            sp.GetRequiredService<ILogger<DirectoryGrainLocator>>(),
            sp.GetRequiredService<IOptions<MessagingOptions>>().Value.ResponseTimeout,
            sp.GetRequiredService<TimeProvider>()));
        // The single silo's locator gives way; one the host registered itself (a test's fixed placement) stays.
        var current = services.LastOrDefault(d => d.ServiceType == typeof(IGrainLocator));
        if (current is null || current.ImplementationType == typeof(SingleSiloGrainLocator))
        {
            services.Replace(ServiceDescriptor.Singleton<IGrainLocator>(sp => sp.GetRequiredService<DirectoryGrainLocator>()));
        }

        services.TryAddSingleton<IGrainRegistrar>(sp => sp.GetRequiredService<DirectoryGrainLocator>());
        services.TryAddSingleton<IRequestForwarder>(sp => (LocalMessageCenter)sp.GetRequiredService<IMessageCenter>());
        return services;
    }
}
