using System.Net;
using System.Text.Json;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>Liveness and readiness on a silo in this process whose store can be switched off, and what a statement answers meanwhile.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly SwitchableStore _store = new();
    private WebSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await WebSilo.StartAsync(builder => builder.UseOrleans(silo => silo
            .AddGrainAssembly(typeof(AccountGrain).Assembly)
            .AddGrainStorage(GrainStorage.DefaultProviderName, _ => _store)));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Ready_StoreHealthy_Is200Healthy(string path)
    {
        using var response = await _silo.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.Equal("The grain store answers.", root.GetProperty("checks").GetProperty("store").GetString());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Ready_StoreDown_Is503ProblemWithTheReason_LiveStays200_ReadyAgainOnceBack(string path)
    {
        _store.GoDown();
        using var down = await _silo.Http.GetAsync(path);
        using var live = await _silo.Http.GetAsync("/health/live");
        _store.ComeBack();
        using var back = await _silo.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("unhealthy", problem.GetProperty("health").GetString());
        Assert.Contains("The grain store is unreachable: The test database at 127.0.0.1:1 is unreachable", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Theory]
    [InlineData("statement.json")]
    [InlineData("statement.csv")]
    public async Task Statement_StoreDown_Is503ProblemDetailsWithRetryAfter(string path)
    {
        _store.GoDown();
        using var response = await _silo.Http.GetAsync($"/accounts/never-loaded/{path}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("unreachable", problem.GetProperty("detail").GetString());
    }
}
