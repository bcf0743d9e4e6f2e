using System.Diagnostics.Metrics;
using System.Text;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Silo.Metrics;

/// <summary>
/// Listens to this silo's "OrleansBank" instruments and keeps their running values for <c>GET /metrics</c>. Only the
/// meters of this host's <see cref="IMeterFactory"/> are heard, so silos sharing a process keep their numbers apart.
/// Observable instruments are read at scrape time.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
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
                families = [.. _families.Values];
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
}
