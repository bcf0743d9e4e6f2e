using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.SiloLinks;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

/// <summary>Several silos as separate hosts in this process, linked over one in-memory network (or TCP loopback).</summary>
internal sealed class LinkedSilos : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    public Gates Gates { get; } = new();

    public Placement Placement { get; } = new();

    public InMemoryNetwork Network { get; } = new();

    public IHost Host(int silo) => _hosts[silo];

    public SiloAddress Address(int silo) => _hosts[silo].Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public IGrainFactory Grains(int silo) => _hosts[silo].Services.GetRequiredService<IGrainFactory>();

    public SiloLinkPool Links(int silo) => _hosts[silo].Services.GetRequiredService<SiloLinkPool>();

    /// <summary>Starts <paramref name="count"/> silos; <paramref name="configure"/> gets each silo's index.</summary>
    public static async Task<LinkedSilos> StartAsync(int count, Action<int, ISiloBuilder>? configure = null, bool tcp = false, Func<IConnectionTransport, IConnectionTransport>? wrap = null)
    {
        var silos = new LinkedSilos();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var index = i;
                var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.UseOrleans(silo =>
                {
                    silo.AddGrainAssembly(typeof(LinkedSilos).Assembly)
                        .AddMemoryGrainStorageAsDefault()
                        .AddMemoryGrainStorage("counter")
                        .AddMemoryGrainStorage("items")
                        .UseLocalhostClustering(siloPort: 0, gatewayPort: 0, listenAddress: "127.0.0.1")
                        .ConfigureServices(s => s
                            .AddSingleton(silos.Gates)
                            .AddSingleton<IGrainLocator>(sp => new PlacedGrainLocator(silos.Placement, sp.GetRequiredService<ILocalSiloDetails>())));
                    IConnectionTransport transport = tcp ? new TcpTransport() : new InMemoryTransport(silos.Network);
                    silo.ConfigureServices(s => s.AddSingleton(wrap?.Invoke(transport) ?? transport));
                    configure?.Invoke(index, silo);
                });
                var host = builder.Build();
                try
                {
                    await host.StartAsync();
                }
                catch
                {
                    host.Dispose();
                    throw;
                }

                silos._hosts.Add(host);
            }

            return silos;
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts <paramref name="grain"/> on silo <paramref name="silo"/> for every silo's locator.</summary>
    public void Place(IAddressable grain, int silo) => Placement.Silos[grain.GetGrainId()] = Address(silo);

    public async ValueTask DisposeAsync()
    {
        Gates.ReleaseAll();
        foreach (var host in _hosts)
        {
            using var timeout = new CancellationTokenSource(TestingHost.Poll.DefaultTimeout);
            await host.StopAsync(timeout.Token);
            host.Dispose();
        }
    }
}
