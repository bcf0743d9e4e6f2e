using Microsoft.Extensions.Hosting;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>Connects the client when its host starts, so a missing silo is reported at start, not at the first call.</summary>
internal sealed class ClusterClientService(GatewayConnector gateway) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => gateway.ConnectAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await gateway.DisposeAsync();
}
