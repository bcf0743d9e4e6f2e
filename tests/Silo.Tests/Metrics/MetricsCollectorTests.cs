using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Silo.Metrics;

namespace OrleansBank.Silo.Tests.Metrics;

/// <summary>The exposition of every kind of instrument, checked line by line against the format's rules.</summary>
public sealed class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory _meters;
    private readonly Meter _meter;
    private readonly MetricsCollector _collector;

    public MetricsCollectorTests()
    {
        _meters = _services.GetRequiredService<IMeterFactory>();
        _meter = _meters.Create("OrleansBank");
        _collector = new MetricsCollector(_meters);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Scrape_Counter_IsOneFamilyNamedTotalWithUnitSuffixAndSummedSeries()
    {
        var counter = _meter.CreateCounter<long>("orleansbank.test.calls", unit: "{call}", description: "Calls.");
        counter.Add(2, new TagList { { "grain.type", "account" }, { "outcome", "ok" } });
        counter.Add(3, new TagList { { "outcome", "ok" }, { "grain.type", "account" } });
        counter.Add(1, new TagList { { "grain.type", "account" }, { "outcome", "error" } });

        var text = _collector.Scrape();
        var samples = PrometheusFormat.Parse(text);

        Assert.Contains("# TYPE orleansbank_test_calls_total counter\n", text);
        Assert.Contains("# HELP orleansbank_test_calls_total Calls.\n", text);
        Assert.Equal(5, samples["orleansbank_test_calls_total{grain_type=account,outcome=ok}"]);
        Assert.Equal(1, samples["orleansbank_test_calls_total{grain_type=account,outcome=error}"]);
    }

    [Fact]
    public void Scrape_HistogramInSeconds_HasCumulativeBucketsInfSumAndCount()
    {
        var histogram = _meter.CreateHistogram<double>(
            "orleansbank.test.duration", "s", "Durations.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("store", "sqlite"));
        }

        var text = _collector.Scrape();
        var samples = PrometheusFormat.Parse(text);

        Assert.Contains("# TYPE orleansbank_test_duration_seconds histogram\n", text);
        Assert.Contains("orleansbank_test_duration_seconds_bucket{store=\"sqlite\",le=\"0.1\"} 2\n", text);
        Assert.Contains("orleansbank_test_duration_seconds_bucket{store=\"sqlite\",le=\"1\"} 3\n", text);
        Assert.Contains("orleansbank_test_duration_seconds_bucket{store=\"sqlite\",le=\"+Inf\"} 4\n", text);
        Assert.Equal(4, samples["orleansbank_test_duration_seconds_count{store=sqlite}"]);
        Assert.Equal(2.65, samples["orleansbank_test_duration_seconds_sum{store=sqlite}"], 9);
    }

    [Fact]
    public void Scrape_LabelValuesWithQuoteBackslashAndNewline_AreEscaped()
    {
        var counter = _meter.CreateCounter<long>("orleansbank.test.odd");
        counter.Add(1, new KeyValuePair<string, object?>("grain.method", "a\"b\\c\nd"));

        var text = _collector.Scrape();
        var samples = PrometheusFormat.Parse(text);

        Assert.Contains("orleansbank_test_odd_total{grain_method=\"a\\\"b\\\\c\\nd\"} 1\n", text);
        Assert.Equal(1, samples["orleansbank_test_odd_total{grain_method=a\"b\\c\nd}"]);
    }

    [Fact]
    public void Scrape_ObservableInstruments_AreReadAtScrapeTimeAsGaugesOrCounters()
    {
        var level = 3L;
        _meter.CreateObservableGauge("orleansbank.test.level", () => new Measurement<long>(level, new KeyValuePair<string, object?>("grain.type", "account")));
        _meter.CreateObservableUpDownCounter("orleansbank.test.open", () => 7L);
        _meter.CreateObservableCounter("orleansbank.test.seen", () => 11L);
        _meter.CreateObservableGauge("orleansbank.test.age", () => 1.5, unit: "s");

        var first = PrometheusFormat.Parse(_collector.Scrape());
        level = 4;
        var text = _collector.Scrape();
        var second = PrometheusFormat.Parse(text);

        Assert.Equal(3, first["orleansbank_test_level{grain_type=account}"]);
        Assert.Equal(4, second["orleansbank_test_level{grain_type=account}"]);
        Assert.Equal(7, second["orleansbank_test_open{}"]);
        Assert.Equal(11, second["orleansbank_test_seen_total{}"]);
        Assert.Equal(1.5, second["orleansbank_test_age_seconds{}"]);
        Assert.Contains("# TYPE orleansbank_test_level gauge\n", text);
        Assert.Contains("# TYPE orleansbank_test_open gauge\n", text);
        Assert.Contains("# TYPE orleansbank_test_seen_total counter\n", text);
    }

    [Fact]
    public void Scrape_OtherMeterOrOtherFactory_IsNotHeard()
    {
        using var stranger = new Meter("OrleansBank");
        using var otherName = _meters.Create("SomethingElse");
        stranger.CreateCounter<long>("orleansbank.test.stranger").Add(1);
        otherName.CreateCounter<long>("orleansbank.test.other").Add(1);

        var text = _collector.Scrape();

        Assert.DoesNotContain("stranger", text);
        Assert.DoesNotContain("orleansbank_test_other", text);
    }

    [Fact]
    public void Scrape_GrainCallCounterBesideItsDurations_IsWrittenAsTheHistogramCountsAndNotListenedTo()
    {
        var calls = _meter.CreateCounter<long>("orleansbank.grain.calls", unit: "{call}", description: "Grain calls.");
        var durations = _meter.CreateHistogram<double>("orleansbank.grain.call.duration", "s", "Call durations.");
        foreach (var (method, outcome, n) in new[] { ("Deposit", "ok", 4), ("Deposit", "error", 1), ("Withdraw", "ok", 2), ("Withdraw", "timeout", 3) })
        {
            for (var i = 0; i < n; i++)
            {
                // As the runtime records a call: both instruments, the same tags.
                var tags = new TagList { { "grain.type", "account" }, { "grain.method", method }, { "outcome", outcome } };
                calls.Add(1, tags);
                durations.Record(0.001 * (i + 1), tags);
            }
        }

        var text = _collector.Scrape();
        var samples = PrometheusFormat.Parse(text);

        Assert.False(calls.Enabled, "the counter is the histogram's count, so the collector does not listen to it");
        Assert.Contains("# TYPE orleansbank_grain_calls_total counter\n", text);
        Assert.Contains("# HELP orleansbank_grain_calls_total Grain calls.\n", text);
        foreach (var (method, outcome, n) in new[] { ("Deposit", "ok", 4), ("Deposit", "error", 1), ("Withdraw", "ok", 2), ("Withdraw", "timeout", 3) })
        {
            var labels = $"grain_method={method},grain_type=account,outcome={outcome}";
            Assert.Equal(n, samples[$"orleansbank_grain_calls_total{{{labels}}}"]);
            Assert.Equal(n, samples[$"orleansbank_grain_call_duration_seconds_count{{{labels}}}"]);
        }

        Assert.Equal(4, samples.Keys.Count(k => k.StartsWith("orleansbank_grain_calls_total{", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scrape_MetersOfTheCallsDisposed_DropsTheCallCounterWithItsDurations()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(meters);
        var meter = meters.Create("OrleansBank");
        var tags = new TagList { { "grain.type", "account" }, { "grain.method", "Deposit" }, { "outcome", "ok" } };
        meter.CreateCounter<long>("orleansbank.grain.calls", "{call}").Add(1, tags);
        meter.CreateHistogram<double>("orleansbank.grain.call.duration", "s").Record(0.001, tags);
        Assert.Contains("orleansbank_grain_calls_total{", collector.Scrape());

        services.Dispose(); // the factory owns its meters: they end with it

        Assert.DoesNotContain("orleansbank_grain_calls_total", collector.Scrape());
    }

    [Theory]
    [InlineData("orleansbank.grain.calls", "{call}", true, "orleansbank_grain_calls_total")]
    [InlineData("orleansbank.grain.call.duration", "s", false, "orleansbank_grain_call_duration_seconds")]
    [InlineData("orleansbank.transfers.oldest_pending.age", "s", false, "orleansbank_transfers_oldest_pending_age_seconds")]
    [InlineData("9lives-é", null, false, "_9lives__")]
    [InlineData("requests_total", null, true, "requests_total")]
    public void MetricName_InstrumentNameAndUnit_IsAValidPrometheusName(string instrument, string? unit, bool counter, string expected)
    {
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, counter));
    }
}
