using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime;

/// <summary>Adds a silo to a host, as <c>UseOrleans</c> does in Orleans.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Adds a silo to the application and lets <paramref name="configure"/> set it up.</summary>
    public static TBuilder UseOrleans<TBuilder>(this TBuilder builder, Action<ISiloBuilder> configure)
        where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddOrleans(builder.Configuration, configure);
        return builder;
    }

    /// <summary>Adds a silo's services to a service collection.</summary>
    public static IServiceCollection AddOrleans(
        this IServiceCollection services,
        Microsoft.Extensions.Configuration.IConfiguration configuration,
        Action<ISiloBuilder> configure)
    {
        if (services.Any(d => d.ServiceType == typeof(SiloHostedService)))
        {
            throw new InvalidOperationException("UseOrleans was called twice on one host: a host runs one silo.");
        }

        SiloBuilderExtensions.GetAssemblies(services);
        services.AddGrainCalls();
        services.AddOptions<GrainCollectionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, GrainCollectionOptionsValidator>());
        services.AddSingleton<IAttributeToFactoryMapper<PersistentStateAttribute>, PersistentStateAttributeMapper>();
        services.AddSingleton<IAttributeToFactoryMapper<PersistentLogAttribute>, PersistentLogAttributeMapper>();
        services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.ConfigurationSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventLogOptions>, EventLogOptionsValidator>());
        services.AddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<GrainAssemblies>().Assemblies, sp));
        services.AddSingleton<IGrainTypeResolver>(sp => sp.GetRequiredService<GrainTypeRegistry>());
        services.AddSingleton<ILocalSiloDetails>(sp => LocalSiloDetails.Create(
            sp.GetRequiredService<IOptions<EndpointOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Messaging.Gateway.SiloPortListener>() is { } listener ? listener.BindPort : null,
            sp.GetService<Messaging.Gateway.SiloPortListener>() is null ? null : () => sp.GetService<Messaging.Gateway.ClientGateway>()?.BoundEndpoints.FirstOrDefault()));
        services.AddClusterOptions(configuration);
        services.TryAddSingleton<ISiloStatusOracle, SingleSiloStatusOracle>();
        services.AddSingleton<IGrainLocator, SingleSiloGrainLocator>();
        services.AddSiloMetrics(configuration);
        services.AddSingleton<Catalog>();
        services.AddSingleton(sp => new SiloActivationCounts(sp.GetRequiredService<Catalog>()));
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton<IMessageCenter, LocalMessageCenter>();
        services.AddSingleton<SiloHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloHostedService>());
        configure(new SiloBuilder(services, configuration));
        return services;
    }
}
