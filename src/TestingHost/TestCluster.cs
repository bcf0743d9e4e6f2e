using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.TestingHost;

/// <summary>A silo running inside the test process, with a client to call its grains.</summary>
/// <remarks>
/// With <see cref="TestClientTransport.Hosted"/> calls skip the wire, as calls inside a silo do; with InMemory or Tcp
/// the client is external and every call is framed, serialized and sent through the silo's gateway.
/// </remarks>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>[] _configurations;
    private readonly Action<IClientBuilder>[] _clientConfigurations;
    private readonly TestClientTransport _transport;
    private readonly InMemoryNetwork _network = new();
    private IHost? _host;
    private IHost? _clientHost;

    internal TestCluster(Action<ISiloBuilder>[] configurations, Action<IClientBuilder>[] clientConfigurations, TestClientTransport transport)
    {
        _configurations = configurations;
        _clientConfigurations = clientConfigurations;
        _transport = transport;
    }

    /// <summary>The primary silo's services.</summary>
    public IServiceProvider ServiceProvider => Host.Services;

    /// <summary>A grain factory for the test's own calls: the cluster client.</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>The cluster client, hosted or external as configured.</summary>
    public IClusterClient Client => (_clientHost ?? Host).Services.GetRequiredService<IClusterClient>();

    /// <summary>The gateway endpoint an external client connects to; null with a hosted client.</summary>
    public string? GatewayEndpoint { get; private set; }

    private IHost Host => _host ?? throw new InvalidOperationException("Call DeployAsync before using the cluster.");

    /// <summary>Starts the silo, and the external client if there is one.</summary>
    public async Task DeployAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            foreach (var configure in _configurations)
            {
                configure(silo);
            }

            if (_transport != TestClientTransport.Hosted)
            {
                silo.UseLocalhostClustering(siloPort: 0, gatewayPort: 0);
                if (_transport == TestClientTransport.InMemory)
                {
                    silo.Configure<EndpointOptions>(o => (o.ListenAddress, o.SiloPort, o.GatewayPort) = ("memory", 11111, 30000));
                    silo.UseInMemoryTransport(_network);
                }
            }
        });
        _host = builder.Build();
        await _host.StartAsync();
        if (_transport != TestClientTransport.Hosted)
        {
            await StartClientAsync();
        }
    }

    /// <summary>Closes every client connection at the silo, as a network failure would.</summary>
    public Task DropClientConnectionsAsync() => ServiceProvider.GetRequiredService<ClientGateway>().DropConnectionsAsync("dropped by the test");

    /// <summary>Waits until <paramref name="count"/> requests wait in the queue of <paramref name="grain"/>'s activation.</summary>
    /// <remarks>Lets a test prove that a request arrived and is waiting for its turn, rather than not sent yet.</remarks>
    public Task WaitForQueuedRequestsAsync(IAddressable grain, int count, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => GetQueuedRequestCount(grain) >= count, $"{count} request(s) to be queued at {grain.GetGrainId()}", timeout);

    /// <summary>How many requests wait for their turn at <paramref name="grain"/>'s activation (0 if it has none).</summary>
    public int GetQueuedRequestCount(IAddressable grain) =>
        ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().TryGet(grain.GetGrainId(), out var activation)
            ? activation!.WaitingCount
            : 0;

    /// <summary>How many activations the silo holds now.</summary>
    public int ActivationCount => ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().Count;

    /// <summary>Stops the client and the silo: running turns finish and every activation is deactivated.</summary>
    public async Task StopAllSilosAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
        }

        if (_host is not null)
        {
            await _host.StopAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await StopAllSilosAsync();
            _clientHost?.Dispose();
            _host.Dispose();
            _host = null;
        }
    }

    private async Task StartClientAsync()
    {
        GatewayEndpoint = ServiceProvider.GetRequiredService<ClientGateway>().BoundEndpoints[0];
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(GatewayEndpoint);
            if (_transport == TestClientTransport.InMemory)
            {
                client.UseInMemoryTransport(_network);
            }

            foreach (var configure in _clientConfigurations)
            {
                configure(client);
            }
        });
        _clientHost = builder.Build();
        await _clientHost.StartAsync();
    }
}
