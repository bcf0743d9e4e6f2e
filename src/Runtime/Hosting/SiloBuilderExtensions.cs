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

    /// <summary>
    /// Adds an in-memory grain storage provider; lost when the process ends. The silos of one test cluster share it,
    /// by name.
    /// </summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = GrainStorage.DefaultProviderName)
    {
        return builder.AddGrainStorage(name, sp => sp.GetService<SharedMemoryGrainStorage>()?.For(name) ?? new MemoryGrainStorage(sp.GetService<Metrics.StorageMetrics>()));
    }

    /// <summary>Adds an in-memory grain storage provider as the default one.</summary>
    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(GrainStorage.DefaultProviderName);

    /// <summary>
    /// Adds a grain storage provider of your own under a name. If it also implements <see cref="IEventLogStorage"/>,
    /// grains' <see cref="IPersistentLog{TEvent}"/> can use it under the same name. The SQLite and PostgreSQL providers
    /// (OrleansBank.Persistence.Sqlite and .Postgres) register themselves through this.
    /// </summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        builder.Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        builder.Services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(name) as IEventLogStorage
            ?? throw new InvalidOperationException($"Grain storage '{name}' keeps state but not event logs: it does not implement IEventLogStorage."));
        return builder;
    }

    /// <summary>
    /// A single silo on this machine that accepts clients over TCP: silo port 11111 and gateway port 30000 unless
    /// given (0 picks free ports). Membership across silos comes with the cluster issue.
    /// </summary>
    public static ISiloBuilder UseLocalhostClustering(
        this ISiloBuilder builder,
        int siloPort = 11111,
        int gatewayPort = 30000,
        string listenAddress = "127.0.0.1")
    {
        builder.Services.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
            o.ListenAddress = listenAddress;
        });
        return builder.AddGateway();
    }

    /// <summary>Accepts clients on the ports in <see cref="EndpointOptions"/> (bind them from configuration with Configure).</summary>
    public static ISiloBuilder AddGateway(this ISiloBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(Messaging.Gateway.ClientGateway)))
        {
            return builder;
        }

        services.AddOptions<ConnectionOptions>();
        services.TryAddSingleton<Messaging.Transport.IConnectionTransport, Messaging.Transport.TcpTransport>();
        services.AddSingleton<Messaging.Gateway.SiloTargetResolver>();
        services.AddSingleton<Messaging.Gateway.SiloPortListener>();
        services.AddSingleton<Messaging.Gateway.PeerAdmission>();
        services.AddSingleton<Messaging.SiloLinks.SiloLinkPool>();
        services.AddSingleton<Messaging.Gateway.ClientGateway>();
        services.AddHostedService(sp => sp.GetRequiredService<Messaging.Gateway.ClientGateway>());
        return builder;
    }

    /// <summary>Carries client connections through in-process pipes instead of TCP: for tests.</summary>
    public static ISiloBuilder UseInMemoryTransport(this ISiloBuilder builder, Messaging.Transport.InMemoryNetwork network)
    {
        builder.Services.AddSingleton<Messaging.Transport.IConnectionTransport>(new Messaging.Transport.InMemoryTransport(network));
        return builder;
    }

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
