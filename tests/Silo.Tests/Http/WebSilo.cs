using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Silo.Http;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>The silo's HTTP endpoints in this process on a free loopback port, with an HTTP client pointed at them.</summary>
internal sealed class WebSilo : IAsyncDisposable
{
    private WebSilo(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>Builds the app, lets <paramref name="configure"/> add what it serves from (a silo or a fake client), and starts it.</summary>
    public static async Task<WebSilo> StartAsync(Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        SiloHttp.AddServices(builder.Services);
        configure(builder);
        var app = builder.Build();
        SiloHttp.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebSilo(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
