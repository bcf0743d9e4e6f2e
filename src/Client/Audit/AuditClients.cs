using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Client.Commands;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Audit;

/// <summary>
/// Several client connections to the cluster, each its own client host. A connection that failed is replaced by a new
/// one, which connects to whichever gateway answers, so work retried on it reaches a live silo.
/// </summary>
/// <param name="connect">Makes and starts one connection's client host; tests lend the audit a test cluster's client.</param>
internal sealed class AuditClients(Func<CancellationToken, Task<IHost>> connect) : IAsyncDisposable
{
    private readonly List<IHost?> _hosts = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Connections to the cluster of <paramref name="gateways"/>, each a client host of its own.</summary>
    public AuditClients(string[] gateways, string? clusterSecret)
        : this(ct => ConnectAsync(gateways, clusterSecret, ct))
    {
    }

    public async Task StartAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            _hosts.Add(await connect(cancellationToken));
        }
    }

    public int Count => _hosts.Count;

    /// <summary>The client of connection <paramref name="slot"/>, connecting it again if it was dropped.</summary>
    public async Task<IClusterClient> GetAsync(int slot, CancellationToken cancellationToken)
    {
        slot %= _hosts.Count;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var host = _hosts[slot] ??= await connect(cancellationToken);
            return host.Services.GetRequiredService<IClusterClient>();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Drops connection <paramref name="slot"/> after a connection error, if it still holds <paramref name="failed"/>; the next <see cref="GetAsync"/> connects anew.</summary>
    public async Task ResetAsync(int slot, IClusterClient failed)
    {
        slot %= _hosts.Count;
        IHost? dropped = null;
        await _lock.WaitAsync();
        try
        {
            if (_hosts[slot] is { } host && ReferenceEquals(host.Services.GetRequiredService<IClusterClient>(), failed))
            {
                (dropped, _hosts[slot]) = (host, null);
            }
        }
        finally
        {
            _lock.Release();
        }

        await StopAsync(dropped);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await StopAsync(host);
        }

        _lock.Dispose();
    }

    private static async Task<IHost> ConnectAsync(string[] gateways, string? clusterSecret, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        if (clusterSecret is not null)
        {
            builder.Configuration[$"{ClusterOptions.SectionName}:{nameof(ClusterOptions.ClusterSecret)}"] = clusterSecret;
        }

        builder.UseOrleansClient(client => client.UseStaticClustering(gateways));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static async Task StopAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }

        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // A connection that already failed may fail to close too; it is dropped either way.
        }

        host.Dispose();
    }
}
