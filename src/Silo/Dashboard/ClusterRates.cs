namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// Turns each silo's running totals into cluster-wide rates: every reading is compared with that silo incarnation's
/// previous one, the differences of one tick are summed over the silos, and rates and percentiles are taken over the
/// ticks of the last <see cref="Window"/>. A silo seen for the first time (or a new generation) only sets its
/// baseline, so its totals since start are not mistaken for one second's calls.
/// </summary>
internal sealed class ClusterRates(TimeSpan window, int historyPoints)
{
    private readonly Dictionary<(string Address, long Generation), SiloMetrics> _previous = [];
    private readonly Dictionary<(string Address, long Generation), SiloMetrics> _latest = [];
    private readonly Queue<Tick> _ticks = new();
    private readonly Queue<DashboardPoint> _history = new();
    private DateTimeOffset? _lastAt;

    public TimeSpan Window { get; } = window;

    /// <summary>Adds the readings of silos that answered at <paramref name="at"/>; the others simply add nothing.</summary>
    public void Add(DateTimeOffset at, IEnumerable<SiloNumbers> answered)
    {
        var tick = new Tick(at, _lastAt is { } last ? at - last : TimeSpan.Zero);
        _lastAt = at;
        foreach (var silo in answered)
        {
            var key = (silo.Address, silo.Generation);
            _latest[key] = silo.Metrics;
            if (_previous.TryGetValue(key, out var before))
            {
                tick.Add(silo.Metrics, before);
            }

            _previous[key] = silo.Metrics;
        }

        _ticks.Enqueue(tick);
        while (_ticks.Count > 0 && at - _ticks.Peek().At >= Window)
        {
            _ticks.Dequeue();
        }

        var second = tick.Seconds;
        _history.Enqueue(new DashboardPoint(at.ToUnixTimeMilliseconds(), second > 0 ? tick.AllCalls / second : 0, Ms(tick.AllDurations.Percentile(0.99))));
        while (_history.Count > historyPoints)
        {
            _history.Dequeue();
        }
    }

    /// <summary>Forgets the silo incarnations not in <paramref name="members"/> (rows removed from the table).</summary>
    public void Keep(IEnumerable<(string Address, long Generation)> members)
    {
        var keep = members.ToHashSet();
        foreach (var key in _previous.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _previous.Remove(key);
            _latest.Remove(key);
        }
    }

    /// <summary>Per grain method over the window, busiest first; totals are summed over every incarnation still known.</summary>
    public IReadOnlyList<DashboardMethod> Methods()
    {
        var seconds = WindowSeconds;
        var totals = _latest.Values.SelectMany(m => m.Methods)
            .GroupBy(m => new GrainMethod(m.Type, m.Method))
            .ToDictionary(g => g.Key, g => (Calls: g.Sum(m => m.Calls), Errors: g.Sum(m => m.Errors)));
        var recent = _ticks.SelectMany(t => t.Methods).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => Sum(g.Select(m => m.Value)));
        return totals.Keys.Union(recent.Keys)
            .Select(key =>
            {
                var delta = recent.GetValueOrDefault(key) ?? new MethodDelta();
                var total = totals.GetValueOrDefault(key);
                return Row(key, delta, seconds, total.Calls, total.Errors);
            })
            .OrderByDescending(m => m.CallsPerSecond).ThenByDescending(m => m.Calls)
            .ThenBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>All methods together over the window.</summary>
    public DashboardMethod Total()
    {
        var delta = Sum(_ticks.SelectMany(t => t.Methods.Values));
        var all = _latest.Values.SelectMany(m => m.Methods).ToList();
        return Row(new GrainMethod("*", "*"), delta, WindowSeconds, all.Sum(m => m.Calls), all.Sum(m => m.Errors));
    }

    /// <summary>Group commits over the window.</summary>
    public DashboardStorage Storage()
    {
        var seconds = WindowSeconds;
        var batches = _ticks.Sum(t => t.CommitBatches);
        var events = _ticks.Sum(t => t.CommittedEvents);
        var durations = new LatencyHistogram();
        foreach (var tick in _ticks)
        {
            durations.Add(tick.CommitDurations);
        }

        return new DashboardStorage(
            seconds > 0 ? Math.Round(batches / seconds, 1) : 0,
            batches > 0 ? Math.Round((double)events / batches, 1) : null,
            Ms(durations.Percentile(0.5)),
            Ms(durations.Percentile(0.99)),
            _latest.Values.Sum(m => m.CommitBatches));
    }

    /// <summary>The time chart's points, oldest first.</summary>
    public IReadOnlyList<DashboardPoint> History() => [.. _history];

    /// <summary>The span the ticks in the window cover, in seconds.</summary>
    public double WindowSeconds => _ticks.Sum(t => t.Seconds);

    private static double? Ms(double? seconds) => seconds is { } s ? Math.Round(s * 1000, 3) : null;

    private static MethodDelta Sum(IEnumerable<MethodDelta> deltas)
    {
        var sum = new MethodDelta();
        foreach (var d in deltas)
        {
            sum.Calls += d.Calls;
            sum.Errors += d.Errors;
            sum.Durations.Add(d.Durations);
        }

        return sum;
    }

    private static DashboardMethod Row(GrainMethod key, MethodDelta delta, double seconds, long calls, long errors) => new(
        key.Type,
        key.Method,
        seconds > 0 ? Math.Round(delta.Calls / seconds, 1) : 0,
        seconds > 0 ? Math.Round(delta.Errors / seconds, 1) : 0,
        Ms(delta.Durations.Percentile(0.5)),
        Ms(delta.Durations.Percentile(0.99)),
        calls,
        errors);

    /// <summary>One method's calls, errors and durations within one tick.</summary>
    private sealed class MethodDelta
    {
        public long Calls;
        public long Errors;
        public readonly LatencyHistogram Durations = new();
    }

    /// <summary>What changed in one tick, summed over the silos that answered.</summary>
    private sealed class Tick(DateTimeOffset at, TimeSpan length)
    {
        public DateTimeOffset At { get; } = at;

        public double Seconds { get; } = length.TotalSeconds;

        public Dictionary<GrainMethod, MethodDelta> Methods { get; } = [];

        public long CommitBatches { get; private set; }

        public long CommittedEvents { get; private set; }

        public LatencyHistogram CommitDurations { get; } = new();

        public long AllCalls => Methods.Values.Sum(m => m.Calls);

        public LatencyHistogram AllDurations => Sum(Methods.Values).Durations;

        public void Add(SiloMetrics now, SiloMetrics before)
        {
            var earlier = before.Methods.ToDictionary(m => new GrainMethod(m.Type, m.Method));
            foreach (var method in now.Methods)
            {
                var key = new GrainMethod(method.Type, method.Method);
                var was = earlier.GetValueOrDefault(key);
                if (!Methods.TryGetValue(key, out var delta))
                {
                    Methods[key] = delta = new MethodDelta();
                }

                delta.Calls += Math.Max(0, method.Calls - (was?.Calls ?? 0));
                delta.Errors += Math.Max(0, method.Errors - (was?.Errors ?? 0));
                delta.Durations.Add(LatencyHistogram.FromCounts(method.Durations).Since(was is null ? null : LatencyHistogram.FromCounts(was.Durations)));
            }

            CommitBatches += Math.Max(0, now.CommitBatches - before.CommitBatches);
            CommittedEvents += Math.Max(0, now.CommittedEvents - before.CommittedEvents);
            CommitDurations.Add(LatencyHistogram.FromCounts(now.CommitDurations).Since(LatencyHistogram.FromCounts(before.CommitDurations)));
        }
    }
}
