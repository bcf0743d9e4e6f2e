using System.Collections.Concurrent;
using System.Net;

namespace OrleansBank.Tests.Shared.Telemetry;

/// <summary>An OTLP/HTTP collector stand-in on 127.0.0.1: answers every POST with 200 and keeps its path and body.</summary>
internal sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private FakeOtlpReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{Url}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base address to give as the OTLP endpoint.</summary>
    public string Url { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Posts { get; } = new();

    public static FakeOtlpReceiver Start() => new(Built.FreePort());

    /// <summary>Every span in the trace batches received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans() =>
        [.. Posts.Where(p => p.Path == "/v1/traces").SelectMany(p => OtlpSpan.ReadAll(p.Body))];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            // An empty protobuf message is a full success for OTLP/HTTP.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
