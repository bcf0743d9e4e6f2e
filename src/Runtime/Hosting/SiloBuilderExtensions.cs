using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBank.Runtime.Hosting;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime;

/// <summary>Orleans-style configuration methods for <see cref="ISiloBuilder"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Hosts the grain classes found in <paramref name="assembly"/>; no other registration is needed.</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        GetAssemblies(builder.Services).Assemblies.Add(assembly);
        return builder;
    }

    /// <summary>Adds an in-memory grain storage provider; lost when the process ends.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = GrainStorage.DefaultProviderName)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage, MemoryGrainStorage>(name);
        return builder;
    }

    /// <summary>Adds an in-memory grain storage provider as the default one.</summary>
    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(GrainStorage.DefaultProviderName);

    /// <summary>Adds a grain storage provider of your own under a name.</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        builder.Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        return builder;
    }

    /// <summary>A single silo on this machine; the cluster issue adds real membership.</summary>
    public static ISiloBuilder UseLocalhostClustering(this ISiloBuilder builder) => builder;

    /// <summary>Configures options for the silo, e.g. <see cref="MessagingOptions"/> or <see cref="GrainCollectionOptions"/>.</summary>
    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Registers services for grains to use.</summary>
    public static ISiloBuilder ConfigureServices(this ISiloBuilder builder, Action<IServiceCollection> configure)
    {
        configure(builder.Services);
        return builder;
    }

    internal static GrainAssemblies GetAssemblies(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(GrainAssemblies))?.ImplementationInstance;
        if (existing is GrainAssemblies assemblies)
        {
            return assemblies;
        }

        assemblies = new GrainAssemblies();
        services.TryAddSingleton(assemblies);
        return assemblies;
    }

}
