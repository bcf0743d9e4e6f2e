namespace OrleansBank.Silo.Metrics;

/// <summary>How an instrument's measurements become a Prometheus metric family.</summary>
internal enum MetricKind
{
    /// <summary>Counter: measurements are summed; exposed as a counter named ..._total.</summary>
    Counter,

    /// <summary>UpDownCounter: measurements are summed; exposed as a gauge.</summary>
    SummedGauge,

    /// <summary>An observable counter: each observation is the running total; exposed as a counter named ..._total.</summary>
    ObservedCounter,

    /// <summary>An observable gauge or up-down counter: each observation replaces the last; exposed as a gauge.</summary>
    ObservedGauge,

    /// <summary>Histogram: measurements fall in buckets; exposed with _bucket, _sum and _count.</summary>
    Histogram,
}
