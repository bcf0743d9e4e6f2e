using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

/// <summary>How the client reconnects once its gateway connection is gone.</summary>
public class GatewayClientTests
{
    [Fact]
    public async Task SendRequest_BacklogWhileReconnecting_SharesOneAttemptAndFailsTogether()
    {
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.Tcp);
        var transport = new GatedTransport();
        using var client = await StartClientAsync(transport, silo.Cluster.GatewayEndpoint!);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        // A call in flight when the connection drops fails at once: that is how the test knows the client has noticed.
        var hanging = grains.GetGrain<ISlowGrain>("s").Hang();
        await silo.Gates.WaitFor("entered:hang");
        transport.HoldConnects();
        await silo.Cluster.ServiceProvider.GetRequiredService<ClientGateway>().DropConnectionsAsync("dropped by the test");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => hanging);

        // Every call of the backlog arrives while the first reconnect is held open.
        var backlog = Enumerable.Range(0, 50).Select(i => grains.GetGrain<IEchoGrain>($"e{i}").Add(i, 1)).ToArray();
        await Poll.UntilAsync(() => transport.HeldConnects == 1, "the first reconnect to reach the transport");
        transport.RefuseHeldConnects();

        foreach (var call in backlog)
        {
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.WaitAsync(Poll.DefaultTimeout));
        }

        Assert.Equal(1, transport.HeldConnects);

        // The next call after the failure tries again, and gets through.
        transport.PassConnects();
        Assert.Equal(3m, await grains.GetGrain<IEchoGrain>("after").Add(1m, 2m));
    }

    private static async Task<IHost> StartClientAsync(IConnectionTransport transport, string gateway)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(transport);
        builder.UseOrleansClient(client => client.UseStaticClustering(gateway));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>TCP whose connects the test can hold, then refuse as a dead silo's port does.</summary>
    private sealed class GatedTransport : IConnectionTransport
    {
        private readonly TcpTransport _tcp = new();
        private TaskCompletionSource? _gate;
        private int _held;

        public int HeldConnects => Volatile.Read(ref _held);

        public void HoldConnects() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RefuseHeldConnects() => _gate!.TrySetException(new SocketException((int)SocketError.ConnectionRefused));

        public void PassConnects() => _gate = null;

        public async Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken)
        {
            if (_gate is { } gate)
            {
                Interlocked.Increment(ref _held);
                await gate.Task.WaitAsync(cancellationToken);
            }

            return await _tcp.ConnectAsync(endpoint, cancellationToken);
        }

        public IConnectionListener Listen(string endpoint) => _tcp.Listen(endpoint);
    }
}
