using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansBank.Benchmarks;

/// <summary>
/// A loopback OTLP/HTTP collector that accepts every export and throws it away: the exporters do all their work
/// (serialising, sending, waiting for the answer) and the benchmark counts what arrived.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;

    private OtlpSink(WebApplication app) => _app = app;

    /// <summary>The base address the exporters are given, e.g. http://127.0.0.1:41234.</summary>
    public string Endpoint => _app.Urls.First();

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static async Task<OtlpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new OtlpSink(app);
        app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref sink._bytes, read);
            }

            Interlocked.Increment(ref sink._requests);
            // An empty Export*ServiceResponse: all accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
