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
