using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>A cluster client in a host of its own, as another process would run it, started against given gateways.</summary>
internal static class ExternalClient
{
    /// <summary>Starts the client; <paramref name="transport"/> replaces TCP when given. A failed start disposes the host.</summary>
    public static async Task<IHost> StartAsync(IConnectionTransport? transport, params string[] gateways)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (transport is not null)
        {
            builder.Services.AddSingleton(transport);
        }

        builder.UseOrleansClient(client => client.UseStaticClustering(gateways));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
