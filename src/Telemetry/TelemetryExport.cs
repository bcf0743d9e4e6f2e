using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OrleansBank.Telemetry;

/// <summary>
/// The tracer and meter providers that send "OrleansBank" spans and instruments to an OTLP collector. Built when the
/// host resolves its hosted services, before any starts, so the first grain call is already seen; disposed (flushing
/// what is buffered) with the host's services.
/// </summary>
internal sealed partial class TelemetryExport : IHostedService, IDisposable
{
    private readonly TracerProvider? _traces;
    private readonly MeterProvider? _metrics;

    public TelemetryExport(IOptions<OtlpOptions> otlp, IOptions<TracingOptions> tracing, TelemetryService service, ILogger<TelemetryExport> logger)
    {
        var options = otlp.Value;
        if (options.Endpoint is null)
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(service.Name, serviceInstanceId: service.InstanceId);
        var ratio = tracing.Value.SampleRatio;
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(TelemetryNames.ActivitySource)
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
            .AddOtlpExporter(o => Configure(o, options.SignalUrl("traces")))
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(TelemetryNames.Meter)
            .AddOtlpExporter(o => Configure(o, options.SignalUrl("metrics")))
            .Build();
        LogExporting(logger, options.Endpoint, ratio);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // What the last requests left in the buffers goes out now, while the collector may still be listening.
        _traces?.ForceFlush(5000);
        _metrics?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _traces?.Dispose();
        _metrics?.Dispose();
    }

    private static void Configure(OtlpExporterOptions exporter, Uri url)
    {
        // A full URL per signal: OTLP/HTTP appends /v1/<signal> only to the endpoint it read from the environment.
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = url;
    }

    [LoggerMessage(9001, LogLevel.Information, "Exporting traces and metrics over OTLP/HTTP to {Endpoint}; sampling {Ratio} of root spans")]
    private static partial void LogExporting(ILogger logger, string endpoint, double ratio);
}
