using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared.Telemetry;

namespace OrleansBank.Telemetry.Tests;

/// <summary>The export a host gets from AddOrleansBankTelemetry, against a collector stand-in on loopback.</summary>
public class TelemetryExportTests
{
    private static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOrleansBankTelemetry(builder.Configuration, "orleansbank-test");
        return builder.Build();
    }

    [Fact]
    public async Task Host_WithEndpoint_SendsSpansToV1TracesAndInstrumentsToV1MetricsByTheTimeItIsDisposed()
    {
        await using var collector = FakeOtlpReceiver.Start();
        using var source = new ActivitySource(TelemetryNames.ActivitySource);
        using var meter = new Meter(TelemetryNames.Meter);
        var calls = meter.CreateCounter<long>("orleansbank.test.calls");
        string traceId;
        using (var host = Build(new Dictionary<string, string?> { ["Otlp:Endpoint"] = collector.Url, ["Tracing:SampleRatio"] = "1" }))
        {
            await host.StartAsync();
            using (var span = source.StartActivity("test/Export", ActivityKind.Server, default(ActivityContext))!)
            {
                traceId = span.TraceId.ToHexString();
            }

            calls.Add(3);
            await host.StopAsync();
        }

        await Poll.UntilAsync(() => collector.Posts.Any(p => p.Path == "/v1/metrics"), "the meter provider's last export on dispose");
        Assert.Contains(collector.Spans(), s => s.Name == "test/Export" && string.Equals(s.TraceId, traceId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Host_RatioZero_ExportsNoRootSpan()
    {
        await using var collector = FakeOtlpReceiver.Start();
        using var source = new ActivitySource(TelemetryNames.ActivitySource);
        using (var host = Build(new Dictionary<string, string?> { ["Otlp:Endpoint"] = collector.Url, ["Tracing:SampleRatio"] = "0" }))
        {
            await host.StartAsync();
            using (var span = source.StartActivity("test/Dropped", ActivityKind.Server, default(ActivityContext)))
            {
                // Created for its context (children follow the decision), but not recorded.
                Assert.False(span?.Recorded ?? false);
            }

            await host.StopAsync();
        }

        Assert.DoesNotContain(collector.Spans(), s => s.Name == "test/Dropped");
    }

    [Theory]
    [InlineData("Otlp:Endpoint", "collector:4318", "'collector:4318'")]
    [InlineData("Tracing:SampleRatio", "2", "Tracing:SampleRatio is 2")]
    public async Task Start_BadSetting_ThrowsOptionsValidationExceptionNamingIt(string key, string value, string expected)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message);
    }
}
