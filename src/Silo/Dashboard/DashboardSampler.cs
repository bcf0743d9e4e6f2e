using System.Threading.Channels;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// Takes the dashboard's snapshot once per interval while a page is open (or asked within
/// <see cref="DashboardOptions.KeepSamplingFor"/>): the membership rows, this silo's numbers and every live peer's,
/// asked in parallel. Each snapshot goes to every open event stream; without pages the silo asks nobody anything.
/// </summary>
internal sealed partial class DashboardSampler(
    IServiceProvider services,
    PeerNumbers peers,
    IOptions<ClusterOptions> cluster,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<DashboardSampler> logger) : BackgroundService
{
    private readonly ClusterRates _rates = new(options.Value.Window, (int)(options.Value.History / options.Value.Interval));
    private readonly SemaphoreSlim _sampling = new(1, 1);
    private readonly Dictionary<(string, long), SiloNumbers> _lastAnswer = [];
    private readonly Lock _subscribersLock = new();
    private readonly List<Channel<DashboardSnapshot>> _subscribers = [];
    private DashboardSnapshot? _latest;

    // Resolved at the first sample, not at start: the HTTP layer also runs without a silo behind it (tests of its endpoints).
    private ILocalSiloDetails LocalSilo => services.GetRequiredService<ILocalSiloDetails>();

    private LocalSiloNumbers Local => services.GetRequiredService<LocalSiloNumbers>();
    private long _lastDemand = long.MinValue;

    /// <summary>The latest snapshot, taken now if there is none yet or it is older than one interval.</summary>
    public async Task<DashboardSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastDemand, time.GetTimestamp());
        if (_latest is { } latest && time.GetUtcNow().ToUnixTimeMilliseconds() - latest.Time < options.Value.Interval.TotalMilliseconds)
        {
            return latest;
        }

        return await SampleAsync(reuseFresh: true, cancellationToken);
    }

    /// <summary>Every snapshot from now on, until the subscription is disposed; a slow reader gets the newest.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<DashboardSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_subscribersLock)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(channel.Reader, () =>
        {
            lock (_subscribersLock)
            {
                _subscribers.Remove(channel);
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!Wanted())
                {
                    continue;
                }

                try
                {
                    var snapshot = await SampleAsync(reuseFresh: false, stoppingToken);
                    Publish(snapshot);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store that cannot be read this second is tried again the next; the pages keep their last view.
                    LogSampleFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _sampling.Dispose();
        base.Dispose();
    }

    private bool Wanted()
    {
        lock (_subscribersLock)
        {
            if (_subscribers.Count > 0)
            {
                return true;
            }
        }

        var last = Interlocked.Read(ref _lastDemand);
        return last != long.MinValue && time.GetElapsedTime(last) < options.Value.KeepSamplingFor;
    }

    private void Publish(DashboardSnapshot snapshot)
    {
        lock (_subscribersLock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(snapshot);
            }
        }
    }

    private async Task<DashboardSnapshot> SampleAsync(bool reuseFresh, CancellationToken cancellationToken)
    {
        await _sampling.WaitAsync(cancellationToken);
        try
        {
            // Many pages opening at once share one sample: whoever waited here takes the one just taken. The
            // periodic sample always takes a new one, so the chart gets a point per interval.
            if (reuseFresh && _latest is { } justTaken && time.GetUtcNow().ToUnixTimeMilliseconds() - justTaken.Time < options.Value.Interval.TotalMilliseconds)
            {
                return justTaken;
            }

            var rows = services.GetService<IMembershipTable>() is { } table
                ? (await table.ReadAllAsync()).Rows.Select(r => r.Entry).ToList()
                : [Alone()];
            var now = time.GetUtcNow();
            var self = LocalSilo.SiloAddress;
            var answers = await Task.WhenAll(rows.Select(row =>
                row.SiloAddress == self ? Task.FromResult<SiloNumbers?>(Local.Read())
                : row.Status == SiloStatus.Dead || row.HttpEndpoint is null ? Task.FromResult<SiloNumbers?>(null)
                : peers.ReadAsync(row, cancellationToken)));
            _rates.Add(now, answers.OfType<SiloNumbers>());
            var members = rows.Select(r => (r.SiloAddress.Endpoint, r.SiloAddress.Generation)).ToHashSet();
            _rates.Keep(members);
            foreach (var gone in _lastAnswer.Keys.Where(k => !members.Contains(k)).ToList())
            {
                _lastAnswer.Remove(gone);
            }

            var silos = rows.Zip(answers, (row, answer) => Silo(row, answer, row.SiloAddress == self, now))
                .OrderBy(s => s.Status == "dead").ThenBy(s => s.Address, StringComparer.Ordinal).ThenByDescending(s => s.Generation)
                .ToList();
            var fresh = answers.OfType<SiloNumbers>().ToList();
            var snapshot = new DashboardSnapshot(
                now.ToUnixTimeMilliseconds(),
                cluster.Value.ClusterId,
                self.Endpoint,
                Math.Round(_rates.WindowSeconds, 3),
                silos,
                _rates.Methods(),
                _rates.Total(),
                _rates.Storage(),
                fresh.Sum(n => n.Metrics.TransfersPending),
                fresh.Select(n => n.Metrics.OldestPendingSeconds).DefaultIfEmpty(0).Max(),
                _rates.History());
            _latest = snapshot;
            return snapshot;
        }
        finally
        {
            _sampling.Release();
        }
    }

    private DashboardSilo Silo(MembershipEntry row, SiloNumbers? answer, bool isSelf, DateTimeOffset now)
    {
        var key = (row.SiloAddress.Endpoint, row.SiloAddress.Generation);
        if (answer is not null)
        {
            _lastAnswer[key] = answer;
        }

        var shown = answer ?? _lastAnswer.GetValueOrDefault(key);
        return new DashboardSilo(
            row.SiloAddress.Endpoint,
            row.SiloAddress.Generation,
            StatusText(row.Status),
            row.GatewayEndpoint,
            row.HttpEndpoint,
            Math.Max(0, Math.Round((now - row.IAmAliveTime).TotalSeconds, 1)),
            row.SuspectTimes.Count,
            shown?.Activations,
            shown?.CpuPercent,
            shown?.MemoryBytes,
            answer is null,
            isSelf);
    }

    private MembershipEntry Alone() => new()
    {
        // A cluster of one (memory storage): no table, this silo is the whole cluster, alive now.
        SiloAddress = LocalSilo.SiloAddress,
        Status = SiloStatus.Active,
        GatewayEndpoint = LocalSilo.GatewayEndpoint,
        HttpEndpoint = LocalSilo.HttpEndpoint,
        IAmAliveTime = time.GetUtcNow(),
    };

    private static string StatusText(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shuttingDown",
        SiloStatus.Dead => "dead",
        _ => status.ToString(),
    };

    [LoggerMessage(4101, LogLevel.Warning, "The dashboard could not take this second's snapshot; it tries again the next")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    /// <summary>An open event stream's feed of snapshots; disposing it stops the feed.</summary>
    internal sealed class Subscription(ChannelReader<DashboardSnapshot> updates, Action unsubscribe) : IDisposable
    {
        public ChannelReader<DashboardSnapshot> Updates { get; } = updates;

        public void Dispose() => unsubscribe();
    }
}
