using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.TestingHost;

/// <summary>One silo of a <see cref="TestCluster"/>, as Orleans' SiloHandle: its address, services and state.</summary>
public sealed class SiloHandle
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _stopReason;

    internal SiloHandle(string name, int index, string node, IHost host)
    {
        Name = name;
        Index = index;
        Node = node;
        Host = host;
        SiloAddress = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        GatewayEndpoint = host.Services.GetService<Runtime.Messaging.Gateway.ClientGateway>()?.BoundEndpoints is [var gateway, ..] ? gateway : null;
    }

    /// <summary>"Primary" for the first silo, "Secondary_N" for the others, as in Orleans.</summary>
    public string Name { get; }

    /// <summary>The silo's address: endpoint and generation.</summary>
    public SiloAddress SiloAddress { get; }

    /// <summary>The endpoint clients connect to, or null when the silo has no gateway (a lone silo with a hosted client).</summary>
    public string? GatewayEndpoint { get; }

    /// <summary>The silo's services.</summary>
    public IServiceProvider ServiceProvider => Host.Services;

    /// <summary>True from its start until it is stopped, killed, or stops itself (declared dead).</summary>
    public bool IsActive => !_stopped.Task.IsCompleted && _stopReason is null;

    /// <summary>Why the silo stopped (for instance "killed by the test", or the cluster declared it dead); null while active.</summary>
    public string? StopReason => Volatile.Read(ref _stopReason);

    /// <summary>Completes once the silo has stopped, whatever the reason.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>How many activations this silo holds now.</summary>
    public int ActivationCount => ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().Count;

    /// <summary>The slot in the cluster: a restarted silo keeps its slot and its endpoints.</summary>
    internal int Index { get; }

    /// <summary>The silo's name on the in-memory network; a new one for each start.</summary>
    internal string Node { get; }

    internal IHost Host { get; }

    /// <summary>The silo's membership, or null when the cluster runs without membership.</summary>
    internal MembershipService? Membership => Host.Services.GetService<MembershipService>();

    /// <summary>Claims the stop for <paramref name="reason"/>; false when the silo is already stopping.</summary>
    internal bool TryBeginStop(string reason) => Interlocked.CompareExchange(ref _stopReason, reason, null) is null;

    internal void OnStopped() => _stopped.TrySetResult();

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {SiloAddress}";
}
