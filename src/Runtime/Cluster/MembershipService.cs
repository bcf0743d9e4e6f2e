using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// This silo's membership: joins the table (Joining, then Active), heartbeats, keeps a snapshot fresh from the change
/// signal, probes its peers and votes the unreachable ones dead, and stops the silo when it reads itself dead. Every
/// versioned write re-reads and re-applies after a lost race, up to <see cref="ClusterMembershipOptions.MaxWriteAttempts"/>.
/// </summary>
internal sealed partial class MembershipService(
    IMembershipTable table,
    IMembershipTableChanges changes,
    ISiloProber prober,
    ISiloLifetime lifetime,
    ILocalSiloDetails localSilo,
    IOptions<ClusterMembershipOptions> options,
    TimeProvider time,
    ILogger<MembershipService> logger,
    MembershipMetrics? metrics = null) : IAsyncDisposable, IDisposable
{
    private readonly ClusterMembershipOptions _options = options.Value;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private readonly object _publishLock = new();
    private MembershipSnapshot _snapshot = MembershipSnapshot.Empty;
    private TaskCompletionSource _published = NewSignal();
    private Task[] _loops = [];
    private volatile bool _joined;
    private volatile bool _leaving;
    private int _declaredDead;

    /// <summary>Raised, in version order, whenever a silo became active or dead; handlers must not block.</summary>
    public event Action<MembershipUpdate>? Changed;

    public SiloAddress Self { get; } = localSilo.SiloAddress;

    /// <summary>
    /// How long the cluster may take to declare a silo dead that stopped answering: the probes it must miss, with a
    /// round of votes to spare.
    /// </summary>
    public TimeSpan DetectionBound => (_options.ProbeInterval + _options.ProbeTimeout) * (_options.NumMissedProbesLimit + 2);

    /// <summary>The latest table read.</summary>
    public MembershipSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Joins, becomes active, and starts heartbeats, probes and the change watch.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        await SetOwnStatusAsync(SiloStatus.Active);
        StartLoops();
    }

    /// <summary>Graceful stop, first step: tells the cluster this silo is leaving; it keeps heartbeating meanwhile.</summary>
    /// <remarks>A silo already written dead (say, while cut off) still stops: the failed write is logged, not thrown.</remarks>
    public async Task ShutDownAsync()
    {
        if (_declaredDead != 0 || !_joined)
        {
            return;
        }

        try
        {
            await SetOwnStatusAsync(SiloStatus.ShuttingDown);
        }
        catch (ClusterTableException ex)
        {
            LogLeavingUnannounced(logger, Self, ex.Message);
        }
    }

    /// <summary>Graceful stop, last step: writes this silo dead (its directory rows go with it) and stops the loops.</summary>
    public async Task LeaveAsync()
    {
        _leaving = true;
        if (_declaredDead == 0 && _joined)
        {
            await SetOwnStatusAsync(SiloStatus.Dead);
        }

        await DisposeAsync();
    }

    /// <summary>
    /// Waits until the cluster declares <paramref name="silo"/> dead: true then, false when <see cref="DetectionBound"/>
    /// passes first (on this silo's clock), e.g. because the silo is alive but cut off from this one only.
    /// </summary>
    public async Task<bool> WaitUntilDeadAsync(SiloAddress silo)
    {
        using var bound = new CancellationTokenSource(DetectionBound, time);
        try
        {
            await WaitForAsync(s => s.IsDead(silo), bound.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Returns the first snapshot for which <paramref name="condition"/> holds, the current one included.</summary>
    public async Task<MembershipSnapshot> WaitForAsync(Func<MembershipSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task published;
            lock (_publishLock)
            {
                if (condition(_snapshot))
                {
                    return _snapshot;
                }

                published = _published.Task;
            }

            await published.WaitAsync(cancellationToken);
        }
    }

    /// <summary>For a container disposed synchronously: stops the loops without waiting for them.</summary>
    public void Dispose() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_loops);
    }

    /// <summary>
    /// Inserts this silo's row as Joining, writes any older generation on this endpoint dead (a restart), and votes
    /// dead every stale member that does not answer a probe (a cold start after a full crash).
    /// </summary>
    internal async Task JoinAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        var now = time.GetUtcNow();
        var entry = new MembershipEntry
        {
            SiloAddress = Self,
            Status = SiloStatus.Joining,
            SiloName = Self.Host,
            GatewayEndpoint = localSilo.GatewayEndpoint,
            HttpEndpoint = localSilo.HttpEndpoint,
            StartTime = now,
            IAmAliveTime = now,
        };
        for (var attempt = 1; !_joined; attempt++)
        {
            var data = await table.ReadAllAsync();
            if (data.Find(Self) is not null)
            {
                throw new ClusterTableException($"The membership table already holds silo {Self}; a silo address is used once, so this start cannot join.");
            }

            _joined = await table.InsertRowAsync(entry, data.Version.Next());
            ThrowIfOutOfAttempts(attempt, "insert this silo's row");
        }

        LogJoining(logger, Self);
        var stale = await RefreshAsync();
        foreach (var old in stale.Entries.Where(e =>
                     e.SiloAddress.Endpoint == Self.Endpoint && e.SiloAddress.Generation < Self.Generation && e.Status != SiloStatus.Dead))
        {
            if (await UpdateAsync(old.SiloAddress, (row, _) => row.Status == SiloStatus.Dead ? null : row with { Status = SiloStatus.Dead }))
            {
                LogOldGenerationDead(logger, old.SiloAddress);
            }
        }

        await VoteOutUnreachableStaleMembersAsync();
        await RefreshAsync();
    }

    /// <summary>The blind heartbeat: moves this row's IAmAlive time and neither its etag nor the table version.</summary>
    internal Task HeartbeatAsync() => table.UpdateIAmAliveAsync(new MembershipEntry
    {
        SiloAddress = Self,
        Status = SiloStatus.Active,
        IAmAliveTime = time.GetUtcNow(),
    });
}
