using Microsoft.Extensions.Logging.Abstractions;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Several membership services as "silos" on one memory store and one manual clock, each with its own fake prober.</summary>
internal sealed class MembershipRig : IAsyncDisposable
{
    private readonly List<RigSilo> _silos = [];

    public MembershipRig(ClusterMembershipOptions? options = null, MembershipMetrics? metrics = null)
    {
        Metrics = metrics;
        Options = options ?? new ClusterMembershipOptions();
        Tables = new MemoryClusterTables(new MemoryClusterStore(), ClusterOptions.DefaultClusterId);
        Table = new ScriptedMembershipTable(Tables);
    }

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The instruments every silo of the rig records to; null for none.</summary>
    public MembershipMetrics? Metrics { get; }

    public ClusterMembershipOptions Options { get; }

    /// <summary>The store itself: directory, change signal, and writes that bypass the recording.</summary>
    public MemoryClusterTables Tables { get; }

    /// <summary>The table every silo writes through.</summary>
    public ScriptedMembershipTable Table { get; }

    /// <summary>A silo on 127.0.0.1:<paramref name="port"/>, generation now (plus the port, so every silo differs) unless given.</summary>
    public RigSilo Silo(int port, long? generation = null)
    {
        var address = new SiloAddress("127.0.0.1", port, generation ?? Clock.GetUtcNow().ToUnixTimeMilliseconds() + port);
        var prober = new FakeSiloProber();
        var lifetime = new RecordingSiloLifetime();
        var service = new MembershipService(
            Table,
            Tables,
            prober,
            lifetime,
            new LocalSiloDetails(address),
            Microsoft.Extensions.Options.Options.Create(Options),
            Clock,
            NullLogger<MembershipService>.Instance,
            Metrics);
        var silo = new RigSilo(address, service, prober, lifetime);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Silos on ports 11111, 11112, ... joined and active, without their timers (the test drives them).</summary>
    public async Task<RigSilo[]> ActiveSilosAsync(int count)
    {
        var silos = Enumerable.Range(0, count).Select(i => Silo(11111 + i)).ToArray();
        foreach (var silo in silos)
        {
            await silo.Service.JoinAsync(CancellationToken.None);
            await silo.BecomeActiveAsync();
        }

        foreach (var silo in silos)
        {
            await silo.Service.RefreshAsync();
        }

        return silos;
    }

    public async Task<MembershipEntry> RowAsync(SiloAddress silo) =>
        (await Tables.ReadRowAsync(silo)).Find(silo)?.Entry ?? throw new InvalidOperationException($"No row for {silo}.");

    /// <summary>Moves the clock on and has every silo still standing but <paramref name="silent"/> heartbeat.</summary>
    public async Task AdvanceWithHeartbeatsAsync(TimeSpan by, params RigSilo[] silent)
    {
        Clock.Advance(by);
        foreach (var silo in _silos.Where(s => s.Lifetime.Count == 0 && !silent.Contains(s)))
        {
            await silo.Service.HeartbeatAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.Service.DisposeAsync();
        }
    }
}

/// <summary>One silo of a <see cref="MembershipRig"/>.</summary>
internal sealed record RigSilo(SiloAddress Address, MembershipService Service, FakeSiloProber Prober, RecordingSiloLifetime Lifetime)
{
    /// <summary>What StartAsync does after joining, without starting the timers.</summary>
    public Task BecomeActiveAsync() => Service.SetOwnStatusAsync(SiloStatus.Active);
}
