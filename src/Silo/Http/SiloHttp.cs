using OrleansBank.Silo.Dashboard;

namespace OrleansBank.Silo.Http;

/// <summary>Everything the silo serves over HTTP, with RFC 7807 problem details for every error, even an unknown route.</summary>
internal static class SiloHttp
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi();
        HealthEndpoints.AddHealth(services);
        ClusterEndpoints.AddServices(services);
        Metrics.MetricsEndpoints.AddServices(services);
        services.AddDashboard();
    }

    public static void Map(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        HealthEndpoints.Map(app);
        StatementEndpoints.Map(app);
        TransferEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        Metrics.MetricsEndpoints.Map(app);
        app.MapDashboard();
    }
}
