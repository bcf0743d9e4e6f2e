using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansBank.Silo.Metrics;

namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// Listens to the "OrleansBank" meter (every Meter of that name, whichever assembly made it) and keeps the totals the
/// dashboard shows: per grain method calls, errors and durations; group commits; transfers pending. It relies on the
/// instruments' names and tags only, never on the types that record them. Calls and errors are counted from the
/// call duration histogram, which the runtime records with the call counter's tags for every call: one measurement
/// per call reaches this listener, not two.
/// </summary>
internal sealed class DashboardMeterListener : IDisposable
{
    public const string MeterName = "OrleansBank";

    private const string CallDuration = "orleansbank.grain.call.duration";
    private const string CommitBatchSize = "orleansbank.storage.commit.batch_size";
    private const string CommitDuration = "orleansbank.storage.commit.duration";
    private const string TransfersPending = "orleansbank.transfers.pending";
    private const string OldestPendingAge = "orleansbank.transfers.oldest_pending.age";

    private static readonly HashSet<string> Wanted = [CallDuration, CommitBatchSize, CommitDuration, TransfersPending, OldestPendingAge];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<GrainMethod, MethodTotals> _methods = new();
    private readonly LatencyHistogram _commitDurations = new();
    private readonly Lock _observeLock = new();
    private long _commitBatches;
    private long _committedEvents;
    private long _pending;
    private double _oldestPending;

    /// <summary>
    /// Listens to the meters named "OrleansBank" that belong to no host, or to the host of <paramref name="meterFactory"/>:
    /// silos sharing a process (a test cluster) each keep their own numbers. With metrics off (--metrics false) it
    /// listens to nothing, as that setting promises, and the dashboard's call, commit and transfer numbers stay at zero.
    /// </summary>
    public DashboardMeterListener(IMeterFactory? meterFactory = null, IOptions<MetricsOptions>? metrics = null)
    {
        if (metrics is { Value.Enabled: false })
        {
            return;
        }

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && Wanted.Contains(instrument.Name)
                && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnLong(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => OnLong(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnDouble(instrument.Name, value, tags));
        _listener.Start();
    }

    /// <summary>Every total now; the gauges (transfers pending, oldest age) are asked for their values first.</summary>
    public SiloMetrics Read()
    {
        long pending;
        double oldest;
        lock (_observeLock)
        {
            (_pending, _oldestPending) = (0, 0);
            _listener.RecordObservableInstruments();
            (pending, oldest) = (_pending, _oldestPending);
        }

        var methods = _methods
            .OrderBy(m => m.Key.Type, StringComparer.Ordinal).ThenBy(m => m.Key.Method, StringComparer.Ordinal)
            .Select(m => m.Value.Read(m.Key))
            .ToList();
        return new SiloMetrics(methods, Interlocked.Read(ref _commitBatches), Interlocked.Read(ref _committedEvents), _commitDurations.ToCounts(), pending, oldest);
    }

    public void Dispose() => _listener.Dispose();

    private static GrainMethod MethodOf(ReadOnlySpan<KeyValuePair<string, object?>> tags, out bool failed)
    {
        string type = "", method = "";
        failed = false;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "grain.type":
                    type = tag.Value?.ToString() ?? "";
                    break;
                case "grain.method":
                    method = tag.Value?.ToString() ?? "";
                    break;
                case "outcome":
                    failed = tag.Value?.ToString() is { } outcome && outcome != "ok";
                    break;
            }
        }

        return new GrainMethod(type, method);
    }

    private MethodTotals Totals(GrainMethod method) => _methods.GetOrAdd(method, _ => new MethodTotals());

    private void OnLong(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case CommitBatchSize:
                Interlocked.Increment(ref _commitBatches);
                Interlocked.Add(ref _committedEvents, value);
                break;
            case TransfersPending:
                _pending += value; // observed under _observeLock, from Read
                break;
        }
    }

    private void OnDouble(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument)
        {
            case CallDuration:
                var totals = Totals(MethodOf(tags, out var failed)).Mine();
                totals.Durations.Record(value);
                Interlocked.Increment(ref totals.Calls);
                if (failed)
                {
                    Interlocked.Increment(ref totals.Errors);
                }

                break;
            case CommitDuration:
                _commitDurations.Record(value);
                break;
            case OldestPendingAge:
                _oldestPending = Math.Max(_oldestPending, value); // observed under _observeLock, from Read
                break;
            case TransfersPending:
                _pending += (long)value;
                break;
        }
    }

    /// <summary>
    /// One method's running totals, a stripe per core: every call of a busy method lands here, from all cores at once,
    /// and counters that two cores increment on each call would pass their cache line back and forth.
    /// </summary>
    private sealed class MethodTotals
    {
        private static readonly int StripeCount = (int)Math.Min(8, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

        private readonly Stripe[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Stripe())];

        /// <summary>The stripe of the core this thread runs on now (any stripe is correct, this one is cheap).</summary>
        public Stripe Mine() => _stripes[Thread.GetCurrentProcessorId() & (StripeCount - 1)];

        public MethodCounters Read(GrainMethod method)
        {
            long calls = 0, errors = 0;
            var durations = new LatencyHistogram();
            foreach (var stripe in _stripes)
            {
                calls += Interlocked.Read(ref stripe.Calls);
                errors += Interlocked.Read(ref stripe.Errors);
                durations.Add(LatencyHistogram.FromCounts(stripe.Durations.ToCounts()));
            }

            return new MethodCounters(method.Type, method.Method, calls, errors, durations.ToCounts());
        }
    }

    /// <summary>A core's share of a method's totals; fields so they can be added to atomically.</summary>
    /// <remarks>Each stripe's histogram is allocated right after it, so 768 bytes of counts keep two stripes' counters apart.</remarks>
    private sealed class Stripe
    {
        public long Calls;
        public long Errors;
        public readonly LatencyHistogram Durations = new();
    }
}
