using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;

namespace OrleansBank.TestingHost;

/// <summary>A silo running inside the test process, with a client to call its grains.</summary>
/// <remarks>Calls skip the wire, as calls inside a silo do; grain semantics are the same as in a deployed silo.</remarks>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>[] _configurations;
    private IHost? _host;

    internal TestCluster(Action<ISiloBuilder>[] configurations) => _configurations = configurations;

    /// <summary>The primary silo's services.</summary>
    public IServiceProvider ServiceProvider => Host.Services;

    /// <summary>A grain factory for the test's own calls.</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => Host.Services.GetRequiredService<IClusterClient>();

    private IHost Host => _host ?? throw new InvalidOperationException("Call DeployAsync before using the cluster.");

    /// <summary>Starts the silo.</summary>
    public async Task DeployAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            foreach (var configure in _configurations)
            {
                configure(silo);
            }
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

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

    /// <summary>Stops the silo: running turns finish and every activation is deactivated.</summary>
    public async Task StopAllSilosAsync()
    {
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
            _host.Dispose();
            _host = null;
        }
    }
}
