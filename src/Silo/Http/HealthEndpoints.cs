using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansBank.Grains;

namespace OrleansBank.Silo.Http;

/// <summary>
/// Liveness (/health/live: the process answers) and readiness (/health/ready, and /health for existing scripts: the
/// silo runs and its store answers), for GET and HEAD, from ASP.NET Core's health checks.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static void AddHealth(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<LifetimeHealthCheck>("lifetime", tags: [ReadyTag])
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));

    public static void Map(WebApplication app)
    {
        app.MapMethods("/health/live", Methods, () => Results.Json(new HealthReportBody("healthy", new Dictionary<string, string>()), BankJson.Options))
            .WithTags("Health").WithSummary("Whether the process is up.").Produces<HealthReportBody>();
        // No endpoint names: one endpoint answers both GET and HEAD, and an OpenAPI operation id must be unique.
        foreach (var pattern in new[] { "/health/ready", "/health" })
        {
            app.MapMethods(pattern, Methods, ReadyAsync)
                .WithTags("Health").WithSummary("Whether the silo can serve: it has started, is not stopping, and its store answers.")
                .Produces<HealthReportBody>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> ReadyAsync(HealthCheckService health, HttpContext http)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), http.RequestAborted);
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Exception?.Message ?? e.Value.Status.ToString());
        if (report.Status == HealthStatus.Healthy)
        {
            return Results.Json(new HealthReportBody("healthy", checks), BankJson.Options);
        }

        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => checks[e.Key]);
        http.Response.Headers.RetryAfter = "1";
        return ProblemResults.Create(
            StatusCodes.Status503ServiceUnavailable,
            "The silo is not ready",
            string.Join(" ", reasons),
            new Dictionary<string, object?> { ["health"] = "unhealthy", ["checks"] = checks });
    }
}
