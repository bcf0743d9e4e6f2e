using OrleansBank.Grains;

namespace OrleansBank.Silo.Http;

/// <summary>GET /cluster (every member the membership table knows) and GET /cluster/local (this silo's activations).</summary>
internal static class ClusterEndpoints
{
    public static void AddServices(IServiceCollection services) => services.AddSingleton<ClusterViewReader>();

    public static void Map(WebApplication app)
    {
        app.MapGet("/cluster", async (ClusterViewReader reader, HttpContext http) =>
                Results.Json(await reader.ReadAsync(http.RequestAborted), BankJson.Options))
            .WithTags("Cluster").WithName("GetCluster")
            .WithSummary("Every member of the cluster, dead ones included: status, endpoints, last heartbeat, activations by grain type.")
            .WithDescription("Activations are this silo's own, and each live peer's asked at its HTTP endpoint (null when it does not answer within 2 s).")
            .Produces<ClusterReport>();
        app.MapGet("/cluster/local", (ClusterViewReader reader) => Results.Json(reader.Local(), BankJson.Options))
            .WithTags("Cluster").WithName("GetLocalSilo")
            .WithSummary("This silo's address, generation and activations by grain type; what GET /cluster asks each peer.")
            .Produces<LocalSiloReport>();
    }
}
