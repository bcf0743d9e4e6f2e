using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// Deactivates activations idle longer than their age limit. Each is filed in the bucket of its idle deadline, rounded
/// up to the sweep grid, so a sweep opens only the buckets whose time has come: with nothing idle it touches none.
/// Activity does not move an activation; a sweep that finds one active again files it by its new deadline.
/// </summary>
internal sealed class ActivationCollector : IDisposable
{
    /// <summary>No bucket holds it: not filed yet, or taken by a sweep that has not put it back.</summary>
    public const long Unfiled = long.MinValue;

    // Gone for good: a sweep holding it must not file it again.
    private const long Retired = long.MaxValue;

    private const int MaxSpareBucketSize = 1024;
    private const int MaxSpareBuckets = 64;

    private readonly object _lock = new();
    private readonly object _sweeping = new();
    private readonly Dictionary<long, HashSet<ActivationData>> _buckets = [];
    private readonly SortedSet<long> _bucketTimes = [];
    private readonly Stack<HashSet<ActivationData>> _spareBuckets = new();
    private readonly List<HashSet<ActivationData>> _taken = [];
    private readonly TimeProvider _time;
    private readonly CoarseClock _clock;
    private readonly TimeSpan _quantum;
    private readonly TimeSpan _defaultAge;
    private readonly long _quantumTicks;
    private readonly long _origin;
    private readonly int _compactAfter;
    private readonly ILogger _logger;
    /// <summary>The least time between two heap compactions: each is a blocking full GC.</summary>
    public static readonly TimeSpan MinCompactionInterval = TimeSpan.FromMinutes(10);

    private List<Task>? _collecting;
    private List<Task>? _awaitingCompaction;
    private int _awaitingCount;
    private long? _lastCompactionAt;
    private ITimer? _timer;

    public ActivationCollector(TimeProvider time, CoarseClock clock, IOptions<GrainCollectionOptions> options, ILoggerFactory loggerFactory)
    {
        _compactAfter = options.Value.CompactHeapAfterCollecting;
        _logger = loggerFactory.CreateLogger("OrleansBank.Runtime.Activation");
        _time = time;
        _clock = clock;
        _quantum = options.Value.CollectionQuantum;
        _defaultAge = options.Value.CollectionAge;
        _quantumTicks = Math.Max(1, ToTicks(_quantum));
        _origin = time.GetTimestamp();
    }

    /// <summary>How many activations the last sweep looked at: those filed in its due buckets, never the others.</summary>
    public int LastSweepInspected { get; private set; }

    /// <summary>The last compaction after a mass collection, if any: completes once the heap is compacted.</summary>
    public Task? LastCompaction { get; private set; }

    public void Start()
    {
        // Sweeps land on the grid the buckets are rounded to, so an activation is looked at by the first sweep after its deadline.
        var intoQuantum = (_time.GetTimestamp() - _origin) % _quantumTicks;
        var firstSweep = TimeSpan.FromSeconds((_quantumTicks - intoQuantum) / (double)_time.TimestampFrequency);
        _timer = _time.CreateTimer(static s => ((ActivationCollector)s!).CollectNow(), this, firstSweep, _quantum);
    }

    /// <summary>Files an activation that has just become valid by its idle deadline.</summary>
    public void Track(ActivationData activation)
    {
        var deadline = activation.LastActiveTimestamp + AgeTicks(activation);
        lock (_lock)
        {
            if (activation.CollectionBucket != Retired)
            {
                File(activation, deadline);
            }
        }
    }

    /// <summary>Forgets an activation that is gone, so no bucket keeps it alive.</summary>
    public void Forget(ActivationData activation)
    {
        lock (_lock)
        {
            if (_buckets.TryGetValue(activation.CollectionBucket, out var bucket))
            {
                bucket.Remove(activation);
            }

            activation.CollectionBucket = Retired;
        }
    }

    /// <summary>Opens the buckets that are due and deactivates the idle activations in them; returns how many began.</summary>
    public int CollectNow()
    {
        lock (_sweeping)
        {
            var now = _clock.Refresh();
            TakeDueBuckets(now);
            var inspected = 0;
            var started = 0;
            foreach (var bucket in _taken)
            {
                inspected += bucket.Count;
                foreach (var activation in bucket)
                {
                    started += Inspect(activation, now) ? 1 : 0;
                }
            }

            ReturnTakenBuckets();
            LastSweepInspected = inspected;
            CompactAfterMassCollection(now);
            return started;
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// Compacts at the first sweep after a mass collection's deactivations have all finished, not as the last one
    /// finishes: compacting then gave back a third of the memory at most, the rest only by a GC that keeps the pages.
    /// </summary>
    private void CompactAfterMassCollection(long now)
    {
        if (_awaitingCompaction is { } awaiting)
        {
            // Finished ones leave as they finish, so a deactivation that never ends holds only itself, and a steady
            // stream of mass collections compacts at most once per MinCompactionInterval (each one pauses the silo).
            awaiting.RemoveAll(static t => t.IsCompleted);
            if (awaiting.Count == 0 && (_lastCompactionAt is not { } last || now - last >= ToTicks(MinCompactionInterval)))
            {
                LastCompaction = StartCompaction(_awaitingCount);
                _lastCompactionAt = now;
                (_awaitingCompaction, _awaitingCount) = (null, 0);
            }
        }

        if (_collecting is { } collecting && collecting.Count >= _compactAfter)
        {
            if (_awaitingCompaction is null)
            {
                _awaitingCompaction = collecting;
            }
            else
            {
                _awaitingCompaction.AddRange(collecting);
            }

            _awaitingCount += collecting.Count;
            _collecting = null;
        }

        _collecting?.Clear();
    }

    // Its own method: a lambda in the sweep would allocate its closure on every sweep, compaction or not.
    private Task StartCompaction(int collected) => Task.Run(() => HeapCompaction.Compact(collected, _logger));

    private bool Inspect(ActivationData activation, long now)
    {
        var age = activation.Class.CollectionAge ?? _defaultAge;
        var verdict = activation.TryCollectIdle(now, ToTicks(age), age, out var deadline);
        if (verdict == IdleVerdict.Collecting && _compactAfter > 0)
        {
            (_collecting ??= []).Add(activation.Deactivated);
        }
        else if (verdict == IdleVerdict.NotYet)
        {
            lock (_lock)
            {
                if (activation.CollectionBucket != Retired)
                {
                    File(activation, deadline);
                }
            }
        }

        return verdict == IdleVerdict.Collecting;
    }

    private void TakeDueBuckets(long now)
    {
        // Half a quantum of slack: a timer firing a little early still opens the bucket it was meant for.
        var dueBy = now + (_quantumTicks / 2);
        lock (_lock)
        {
            while (_bucketTimes.Count > 0 && _bucketTimes.Min is var first && first <= dueBy)
            {
                _bucketTimes.Remove(first);
                _buckets.Remove(first, out var bucket);
                foreach (var activation in bucket!)
                {
                    activation.CollectionBucket = Unfiled;
                }

                _taken.Add(bucket);
            }
        }
    }

    private void ReturnTakenBuckets()
    {
        lock (_lock)
        {
            foreach (var bucket in _taken)
            {
                // A cleared set keeps its capacity: keep only small ones, or a mass collection would hold its memory forever.
                if (bucket.Count <= MaxSpareBucketSize && _spareBuckets.Count < MaxSpareBuckets)
                {
                    bucket.Clear();
                    _spareBuckets.Push(bucket);
                }
            }
        }

        _taken.Clear();
    }

    /// <summary>Puts an activation in the bucket of the first grid time at or after its deadline; call under the lock.</summary>
    private void File(ActivationData activation, long deadline)
    {
        var since = deadline - _origin;
        var time = since <= 0 ? _origin : _origin + (((since - 1) / _quantumTicks) + 1) * _quantumTicks;
        if (!_buckets.TryGetValue(time, out var bucket))
        {
            bucket = _spareBuckets.TryPop(out var spare) ? spare : [];
            _buckets.Add(time, bucket);
            _bucketTimes.Add(time);
        }

        bucket.Add(activation);
        activation.CollectionBucket = time;
    }

    private long AgeTicks(ActivationData activation) => ToTicks(activation.Class.CollectionAge ?? _defaultAge);

    // A limit too long to count in timestamps (e.g. TimeSpan.MaxValue) is as good as never; keep room to add it to a time.
    private long ToTicks(TimeSpan span) => (long)Math.Min(span.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 4);
}
