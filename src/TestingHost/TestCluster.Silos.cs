using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.TestingHost;

/// <summary>Starting, stopping, killing and restarting the cluster's silos.</summary>
public sealed partial class TestCluster
{
    /// <summary>The in-memory endpoints of slot 0; slot N uses the ports N above them, and keeps them across restarts.</summary>
    private const int BaseSiloPort = 11111;
    private const int BaseGatewayPort = 30000;

    /// <summary>How long a silo of a test cluster waits for a peer's answer to a probe (see <see cref="TestTimings"/>).</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The cluster client's services: its own host's when external, else the primary silo's; tests read its gateway connection.</summary>
    public IServiceProvider ClientServices => _clientHost?.Services ?? ServiceProvider;

    /// <summary>Starts one more silo, which joins the cluster; returns once it is active in the membership table.</summary>
    public async Task<SiloHandle> StartAdditionalSiloAsync()
    {
        if (!Options.MembershipEnabled)
        {
            throw new InvalidOperationException(
                "This cluster runs a lone silo without membership, so another silo could not join it: set Options.UseClusterMembership = true (or InitialSilosCount above 1).");
        }

        int slot;
        lock (_lock)
        {
            slot = _slots.Count;
        }

        return await StartSiloAsync(slot);
    }

    /// <summary>
    /// Stops <paramref name="silo"/> gracefully: it tells the cluster it is leaving, lets running turns finish,
    /// deactivates its grains and writes itself dead.
    /// </summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.TryBeginStop("stopped by the test"))
        {
            await StopHostAsync(silo);
        }

        await silo.Stopped;
    }

    /// <summary>
    /// Kills <paramref name="silo"/> as a crash would: its listeners and every connection to or from it drop at once,
    /// its heartbeats and table writes end, its grain timers stop, and nothing is flushed or deactivated. The survivors
    /// find out by probing. A turn running on it at the kill still runs to its end (a thread cannot be stopped), and
    /// any call it makes fails.
    /// </summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        RequireInMemory(nameof(KillSiloAsync));
        if (!silo.TryBeginStop("killed by the test"))
        {
            await silo.Stopped;
            return;
        }

        if (silo.Membership is { } membership)
        {
            // Loops first, while the silo can still reach its peers: a probe failing because of the crash itself
            // must not become a vote against a healthy peer.
            membership.Dispose();
            try
            {
                await membership.DisposeAsync().AsTask().WaitAsync(Poll.DefaultTimeout);
            }
            catch (TimeoutException)
            {
                // A probe waiting on a clock the test does not move: the crash below ends it.
            }
        }

        _network.Crash(silo.Node);
        // In one process the "dead" silo's objects live on: its timers must not tick into the shared storage, nor its
        // catalog take requests. Turns already running finish, and their calls out fail (see docs/OPERATIONS.md).
        silo.ServiceProvider.GetRequiredService<Runtime.Activation.Catalog>().Halt();
        await DisposeHostAsync(silo.Host);
        silo.OnStopped();
        SignalChange();
    }

    /// <summary>Stops <paramref name="silo"/> gracefully and starts a new generation on the same endpoints.</summary>
    public async Task<SiloHandle> RestartSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await StopSiloAsync(silo);
        return await StartSiloAsync(silo.Index);
    }

    private async Task<SiloHandle> StartSiloAsync(int slot)
    {
        var node = $"silo{slot}#{Interlocked.Increment(ref _starts)}";
        var started = new TaskCompletionSource<SiloHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifetime = new TestSiloLifetime(async reason =>
        {
            // Only this silo stops; the test process and the other silos carry on.
            var self = await started.Task;
            if (self.TryBeginStop(reason))
            {
                await StopHostAsync(self);
            }
        });
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => ConfigureSilo(silo, slot, node, lifetime));
        var host = builder.Build();
        lock (_lock)
        {
            _hosts.Add(host);
        }

        try
        {
            await host.StartAsync();
        }
        catch (Exception e)
        {
            started.TrySetException(e);
            throw;
        }

        var handle = new SiloHandle(slot == 0 ? "Primary" : $"Secondary_{slot}", slot, node, host);
        if (handle.Membership is { } membership)
        {
            membership.Changed += _ => SignalChange();
        }

        lock (_lock)
        {
            if (slot < _slots.Count)
            {
                _slots[slot] = handle;
            }
            else
            {
                _slots.Add(handle);
            }
        }

        started.TrySetResult(handle);
        SignalChange();
        return handle;
    }

    private void ConfigureSilo(ISiloBuilder silo, int slot, string node, TestSiloLifetime lifetime)
    {
        silo.Services.AddSingleton(_storage);
        silo.Services.AddSingleton<ILoggerProvider>(_log.For($"{(slot == 0 ? "Primary" : $"Secondary_{slot}")}/{node}"));
        if (Options.MembershipEnabled)
        {
            // Before the test's own steps, so a test can still override any of it (timings, tables, prober). Probes go
            // over the silo links, so a killed silo or a cut link shows as missed probes.
            silo.Services.AddSingleton<ISiloLifetime>(lifetime);
            silo.Configure<ClusterOptions>(o => o.ClusterId = Options.ClusterId);
            silo.AddMemoryClusterTables(_store);
            silo.UseClusterMembership(TestTimings);
        }

        foreach (var configure in _configurations)
        {
            configure(silo);
        }

        if (_transport == TestClientTransport.Hosted && !Options.MembershipEnabled)
        {
            return;
        }

        silo.UseLocalhostClustering(siloPort: 0, gatewayPort: 0);
        if (_transport != TestClientTransport.Tcp)
        {
            silo.Configure<EndpointOptions>(o => (o.ListenAddress, o.SiloPort, o.GatewayPort) = ("memory", BaseSiloPort + slot, BaseGatewayPort + slot));
            silo.Services.AddSingleton<IConnectionTransport>(new InMemoryTransport(_network, node));
        }
    }

    /// <summary>
    /// Fast enough that a killed silo is found dead in well under a second, on the clock the silos use: a killed (or cut
    /// off) silo refuses the connection, so its probes fail at once, long before their timeout.
    /// </summary>
    /// <remarks>
    /// The timeout only ends the probes of a live silo slow to answer, which a test must not see voted dead: on a CI
    /// machine of two cores running every test project at once, a silo's first link (JIT, thread pool growth) took
    /// 2 to 3.5 s, and with 500 ms the silos voted each other dead before the test began.
    /// </remarks>
    private static void TestTimings(ClusterMembershipOptions o)
    {
        o.IAmAliveInterval = TimeSpan.FromMilliseconds(500);
        o.IAmAliveStaleAfter = TimeSpan.FromSeconds(5);
        o.ProbeInterval = TimeSpan.FromMilliseconds(100);
        o.ProbeTimeout = ProbeTimeout;
        o.NumMissedProbesLimit = 2;
        o.TableRefreshInterval = TimeSpan.FromSeconds(1);
    }

    private async Task StopHostAsync(SiloHandle silo)
    {
        try
        {
            await silo.Host.StopAsync();
        }
        finally
        {
            silo.OnStopped();
            SignalChange();
        }
    }

    private void RequireInMemory(string what)
    {
        if (_transport == TestClientTransport.Tcp || !Options.MembershipEnabled)
        {
            throw new NotSupportedException(
                $"{what} needs silos on the cluster's in-memory network: a cluster with membership (InitialSilosCount above 1 or UseClusterMembership) and a Hosted or InMemory client transport.");
        }
    }
}
