using System.Diagnostics.Metrics;
using System.Text;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Silo.Metrics;

/// <summary>
/// Listens to this silo's "OrleansBank" instruments and keeps their running values for <c>GET /metrics</c>. Only the
/// meters of this host's <see cref="IMeterFactory"/> are heard, so silos sharing a process keep their numbers apart.
/// Observable instruments are read at scrape time.
/// </summary>
/// <remarks>
/// The grain call counter is not listened to: the runtime records every call in the duration histogram with the same
/// tags, so the counter's series are that histogram's counts, and a call costs one series lookup here instead of two.
/// A call that was already running when the collector attached is in neither (the silo attaches it before it starts).
/// </remarks>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>The runtime's grain call counter, written from <see cref="CallDuration"/>'s counts.</summary>
    internal const string Calls = "orleansbank.grain.calls";

    /// <summary>The runtime's grain call duration histogram, recorded with the counter's tags for every call.</summary>
    internal const string CallDuration = "orleansbank.grain.call.duration";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
    private readonly Dictionary<Meter, MetricFamily> _callCounters = [];
    private readonly Lock _scrape = new();

    public MetricsCollector(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansBankMeter.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                var family = new MetricFamily(instrument);
                lock (_families)
                {
                    if (instrument is Counter<long> { Name: Calls })
                    {
                        _callCounters[instrument.Meter] = family;
                        return;
                    }

                    _families[instrument] = family;
                }

                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_families)
            {
                _families.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every family in the text exposition format.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            MetricFamily[] families;
            lock (_families)
            {
                families = [.. _families.Values, .. CallCounts()];
            }

            foreach (var family in families)
            {
                family.ClearObservations();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            PrometheusWriter.Write(text, families);
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Each meter's call counter as its duration histogram's counts; a counter whose meter is gone is forgotten.</summary>
    private List<MetricFamily> CallCounts()
    {
        var counts = new List<MetricFamily>();
        foreach (var (meter, calls) in _callCounters)
        {
            var durations = _families.FirstOrDefault(f => ReferenceEquals(f.Key.Meter, meter) && f.Key.Name == CallDuration).Value;
            if (durations is not null)
            {
                counts.Add(calls.WithCountsOf(durations));
            }
            else if (_families.Keys.All(i => !ReferenceEquals(i.Meter, meter)))
            {
                _callCounters.Remove(meter);
            }
        }

        return counts;
    }
}
