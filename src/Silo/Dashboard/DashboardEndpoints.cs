using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansBank.Silo.Dashboard;

/// <summary>GET /dashboard (the page), its CSS and JS, /dashboard/events (Server-Sent Events) and /dashboard/silo.json.</summary>
internal static class DashboardEndpoints
{
    /// <summary>How soon an EventSource reconnects after a stream ends (the page asks for one message per stream).</summary>
    public const int RetryMilliseconds = 500;

    /// <summary>Registers the meter listener, the sampler and their parts.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardMeterListener>();
        services.AddSingleton<ProcessUsage>();
        services.AddSingleton<LocalSiloNumbers>();
        services.AddSingleton<PeerNumbers>();
        services.AddSingleton<DashboardSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardSampler>());
        return services;
    }

    /// <summary>Maps the routes, and starts listening to the meter now, so calls before the first page are counted.</summary>
    public static void MapDashboard(this WebApplication app)
    {
        app.Services.GetRequiredService<DashboardMeterListener>();
        app.MapGet("/dashboard", async (DashboardSampler sampler, HttpContext http) =>
                Results.Content(DashboardPage.Render(await sampler.CurrentAsync(http.RequestAborted)), "text/html; charset=utf-8"))
            .WithTags("Dashboard").WithName("GetDashboard")
            .WithSummary("The live dashboard: silos, grain methods, storage, transfers, and a chart of the last minutes.")
            .ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (string file) => DashboardPage.File(file) is { } text
                ? Results.Text(text, file.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                : Results.Problem(detail: $"The dashboard has no file '{file}': it ships dashboard.css and dashboard.js.", statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        app.MapGet("/dashboard/silo.json", (LocalSiloNumbers local) => Results.Json(local.Read(), DashboardJson.Options))
            .WithTags("Dashboard").WithName("GetDashboardSilo")
            .WithSummary("This silo's own numbers (activations, CPU, memory, grain call totals); what a silo serving the dashboard asks its peers.")
            .Produces<SiloNumbers>();
        app.MapGet("/dashboard/events", StreamAsync)
            .WithTags("Dashboard").WithName("GetDashboardEvents")
            .WithSummary("Server-Sent Events: one JSON snapshot of the cluster per second, the first at once.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> StreamAsync(DashboardSampler sampler, IHostApplicationLifetime lifetime, HttpContext http, int? messages)
    {
        if (messages is < 1)
        {
            return Results.Problem(detail: $"messages must be a whole number of 1 or more (it is {messages}); leave it out to stream until the page closes.", statusCode: StatusCodes.Status400BadRequest);
        }

        // A reconnecting EventSource names the last snapshot it has; it gets the next one, not that one again.
        var seen = long.TryParse(http.Request.Headers["Last-Event-ID"], out var id) ? id : long.MinValue;
        // The stream ends when the page goes or the silo stops: an open page must not hold up a graceful shutdown.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var left = messages ?? int.MaxValue;
        try
        {
            using var updates = sampler.Subscribe();
            var next = await sampler.CurrentAsync(ending.Token);
            while (left > 0)
            {
                if (next.Time > seen)
                {
                    await WriteAsync(http.Response, next, ending.Token);
                    seen = next.Time;
                    left--;
                }

                if (left > 0)
                {
                    next = await updates.Updates.ReadAsync(ending.Token);
                }
            }
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, DashboardSnapshot snapshot, CancellationToken cancellationToken)
    {
        // The id lets a reconnecting page ask for what is newer; retry is how soon it reconnects after a stream ends.
        var id = snapshot.Time.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.WriteAsync($"id: {id}\nretry: {RetryMilliseconds}\ndata: {JsonSerializer.Serialize(snapshot, DashboardJson.Options)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
