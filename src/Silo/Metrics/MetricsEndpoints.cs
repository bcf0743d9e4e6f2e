using Microsoft.Extensions.Options;
using OrleansBank.Silo.Http;

namespace OrleansBank.Silo.Metrics;

/// <summary>GET /metrics: this silo's OrleansBank instruments in the Prometheus text format.</summary>
internal static class MetricsEndpoints
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddSingleton<MetricsCollector>();
    }

    public static void Map(WebApplication app)
    {
        // Attached now, before the host starts the silo, so every call from the first one is counted.
        var collector = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled
            ? app.Services.GetRequiredService<MetricsCollector>()
            : null;
        app.MapGet("/metrics", () => collector is not null
                ? Results.Text(collector.Scrape(), PrometheusText.ContentType)
                : ProblemResults.Create(
                    StatusCodes.Status404NotFound,
                    "Metrics are off",
                    "This silo was started with Metrics:Enabled=false (--metrics false): start it with --metrics true to serve /metrics."))
            .WithName("GetMetrics")
            .WithSummary("This silo's metrics in the Prometheus text exposition format 0.0.4.");
    }
}
