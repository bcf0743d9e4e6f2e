using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBank.Runtime.Hosting;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime;

/// <summary>Adds a cluster client to a host, as <c>UseOrleansClient</c> does in Orleans.</summary>
public static class ClientHostingExtensions
{
    /// <summary>Adds an <see cref="IClusterClient"/> that connects to silos when the host starts.</summary>
    public static TBuilder UseOrleansClient<TBuilder>(this TBuilder builder, Action<IClientBuilder> configure)
        where TBuilder : Microsoft.Extensions.Hosting.IHostApplicationBuilder
    {
        builder.Services.AddOrleansClient(builder.Configuration, configure);
        return builder;
    }

    /// <summary>Adds a cluster client's services to a service collection.</summary>
    public static IServiceCollection AddOrleansClient(this IServiceCollection services, IConfiguration configuration, Action<IClientBuilder> configure)
    {
        services.AddOptions<ClientOptions>();
        services.AddOptions<ConnectionOptions>();
        services.AddClusterOptions(configuration);
        services.AddGrainCalls();
        services.TryAddSingleton<IConnectionTransport, TcpTransport>();
        services.AddSingleton<ManifestTypeResolver>();
        services.AddSingleton<IGrainTypeResolver>(sp => sp.GetRequiredService<ManifestTypeResolver>());
        services.AddSingleton<ResponseDispatcher>();
        services.AddSingleton<GatewayConnector>();
        services.AddSingleton<IMessageCenter, ClientMessageCenter>();
        services.AddHostedService<ClusterClientService>();
        configure(new ClientBuilder(services, configuration));
        return services;
    }

    /// <summary>Connects to a silo on this machine at the given gateway port.</summary>
    public static IClientBuilder UseLocalhostClustering(this IClientBuilder builder, int gatewayPort = 30000) =>
        builder.UseStaticClustering($"localhost:{gatewayPort}");

    /// <summary>Connects to the first of these gateways (host:port) that answers.</summary>
    public static IClientBuilder UseStaticClustering(this IClientBuilder builder, params string[] gateways)
    {
        foreach (var gateway in gateways)
        {
            Endpoints.Parse(gateway);
        }

        builder.Services.Configure<ClientOptions>(o => o.Gateways = [.. gateways]);
        return builder;
    }

    /// <summary>Connects through in-process pipes instead of TCP: for tests.</summary>
    public static IClientBuilder UseInMemoryTransport(this IClientBuilder builder, InMemoryNetwork network)
    {
        builder.Services.AddSingleton<IConnectionTransport>(new InMemoryTransport(network));
        return builder;
    }

    /// <summary>Configures client options such as <see cref="MessagingOptions"/> or <see cref="ConnectionOptions"/>.</summary>
    public static IClientBuilder Configure<TOptions>(this IClientBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    private sealed class ClientBuilder(IServiceCollection services, IConfiguration configuration) : IClientBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = configuration;
    }
}
