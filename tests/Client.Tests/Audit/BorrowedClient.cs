using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Tests.Audit;

/// <summary>
/// A test cluster's client lent to the audit as if it were a connection of its own: the audit may drop it and connect
/// again, which changes nothing, since the cluster's client fails over between gateways by itself.
/// </summary>
internal sealed class BorrowedClient(IClusterClient client) : IHost
{
    public IServiceProvider Services { get; } = new ServiceCollection().AddSingleton(client).BuildServiceProvider();

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Dispose()
    {
        // The cluster owns the client; the test disposes the cluster.
    }
}
