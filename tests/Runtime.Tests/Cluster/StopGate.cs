using Microsoft.Extensions.Hosting;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Holds one chosen silo's graceful stop while it is shutting down (its grains leaving, its row not yet dead).</summary>
public sealed class StopGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The silo whose stop is held; the others stop freely.</summary>
    public SiloAddress? Held { get; set; }

    /// <summary>Completes once the held silo's stop has reached the gate.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _release.TrySetResult();

    /// <summary>A silo's hosted service: its stop waits at the gate when it is the held silo.</summary>
    public sealed class Service(StopGate gate, ILocalSiloDetails silo) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (gate.Held == silo.SiloAddress)
            {
                gate._reached.TrySetResult();
                await gate._release.Task;
            }
        }
    }
}
