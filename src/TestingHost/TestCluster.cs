using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Persistence;

namespace OrleansBank.TestingHost;

/// <summary>Silos running inside the test process, with a client to call their grains, as Orleans' TestCluster.</summary>
/// <remarks>
/// With <see cref="TestClientTransport.Hosted"/> calls skip the wire, as calls inside a silo do; with InMemory or Tcp
/// the client is external and every call is framed, serialized and sent through a silo's gateway. With more than one
/// silo, every silo has its own endpoints on the cluster's in-memory network (TCP on free ports with
/// <see cref="TestClientTransport.Tcp"/>), and all share one in-memory membership table and one memory grain storage.
/// </remarks>
public sealed partial class TestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>[] _configurations;
    private readonly Action<IClientBuilder>[] _clientConfigurations;
    private readonly TestClientTransport _transport;
    private readonly InMemoryNetwork _network = new();
    private readonly MemoryClusterStore _store = new();
    private readonly SharedMemoryGrainStorage _storage = new();
    private readonly TestClusterLog _log = new();
    private readonly object _lock = new();
    private readonly List<SiloHandle> _slots = [];
    private readonly List<IHost> _hosts = [];
    private IHost? _clientHost;
    private int _starts;

    internal TestCluster(
        TestClusterOptions options,
        Action<ISiloBuilder>[] configurations,
        Action<IClientBuilder>[] clientConfigurations,
        TestClientTransport transport)
    {
        Options = options;
        _configurations = configurations;
        _clientConfigurations = clientConfigurations;
        _transport = transport;
    }

    /// <summary>The options the cluster was built with.</summary>
    public TestClusterOptions Options { get; }

    /// <summary>The latest log lines of every silo; a liveness wait that gives up quotes its membership lines.</summary>
    public TestClusterLog Log => _log;

    /// <summary>The silos running now (neither stopped nor killed), primary first.</summary>
    public IReadOnlyList<SiloHandle> Silos
    {
        get
        {
            lock (_lock)
            {
                return [.. _slots.Where(s => s.IsActive)];
            }
        }
    }

    /// <summary>The first silo (the one in its slot now, after a restart): it hosts the hosted client.</summary>
    public SiloHandle Primary
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count > 0 ? _slots[0] : throw new InvalidOperationException("Call DeployAsync before using the cluster.");
            }
        }
    }

    /// <summary>The running silos other than the primary.</summary>
    public IReadOnlyList<SiloHandle> SecondarySilos => [.. Silos.Where(s => s.Index != 0)];

    /// <summary>The primary silo's services.</summary>
    public IServiceProvider ServiceProvider => Primary.ServiceProvider;

    /// <summary>A grain factory for the test's own calls: the cluster client.</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>The cluster client: hosted in the primary silo, or external, as configured.</summary>
    public IClusterClient Client => (_clientHost?.Services ?? ServiceProvider).GetRequiredService<IClusterClient>();

    /// <summary>The primary's gateway endpoint, which an external client connects to; null with a hosted client.</summary>
    public string? GatewayEndpoint { get; private set; }

    /// <summary>Starts <see cref="TestClusterOptions.InitialSilosCount"/> silos, primary first, then the external client if there is one.</summary>
    public async Task DeployAsync()
    {
        Options.Validate();
        for (var i = 0; i < Options.InitialSilosCount; i++)
        {
            await StartSiloAsync(i);
        }

        if (_transport != TestClientTransport.Hosted)
        {
            await StartClientAsync();
        }
    }

    /// <summary>Closes every client connection at the primary silo, as a network failure would.</summary>
    public Task DropClientConnectionsAsync() => ServiceProvider.GetRequiredService<ClientGateway>().DropConnectionsAsync("dropped by the test");

    /// <summary>Waits until <paramref name="count"/> requests wait in the queue of <paramref name="grain"/>'s activation.</summary>
    /// <remarks>Lets a test prove that a request arrived and is waiting for its turn, rather than not sent yet.</remarks>
    public Task WaitForQueuedRequestsAsync(IAddressable grain, int count, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => GetQueuedRequestCount(grain) >= count, $"{count} request(s) to be queued at {grain.GetGrainId()}", timeout);

    /// <summary>How many requests wait for their turn at <paramref name="grain"/>'s activations, on every running silo.</summary>
    public int GetQueuedRequestCount(IAddressable grain) =>
        Catalogs().Sum(c => c.TryGet(grain.GetGrainId(), out var activation) ? activation!.WaitingCount : 0);

    /// <summary>How many activations the running silos hold now, together.</summary>
    public int ActivationCount => Silos.Sum(s => s.ActivationCount);

    /// <summary>Stops the client and every running silo: running turns finish and every activation is deactivated.</summary>
    public async Task StopAllSilosAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
        }

        // Together, not one by one: a cluster's disposal must not grow with its size (dotnet/orleans#6865).
        await Task.WhenAll(Silos.Select(s => StopSiloAsync(s)));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<IHost> hosts;
        lock (_lock)
        {
            hosts = [.. _hosts];
            _hosts.Clear();
        }

        if (hosts.Count == 0)
        {
            return;
        }

        await StopAllSilosAsync();
        if (_clientHost is not null)
        {
            await DisposeHostAsync(_clientHost);
        }

        foreach (var host in hosts)
        {
            await DisposeHostAsync(host);
        }
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    private IEnumerable<Runtime.Activation.Catalog> Catalogs() =>
        Silos.Select(s => s.ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>());

    private async Task StartClientAsync()
    {
        GatewayEndpoint = Primary.GatewayEndpoint;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. Silos.Select(s => s.GatewayEndpoint!)]);
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
