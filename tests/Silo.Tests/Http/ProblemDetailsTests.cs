using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>Every HTTP error of the silo is RFC 7807 problem details, even for a route it does not have; health answers HEAD.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private WebSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await WebSilo.StartAsync(builder =>
            builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault()));
        await _silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>("ann").Open("Ann", 5m, "o");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("GET", "/no/such/route", 404)]
    [InlineData("GET", "/", 404)]
    [InlineData("POST", "/accounts/ann/statement.json", 405)]
    [InlineData("DELETE", "/health", 405)]
    public async Task NoSuchRouteOrMethod_IsProblemJsonWithTheStatus(string method, string path, int status)
    {
        using var response = await _silo.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task BadQuery_Is400ProblemDetails_WithDetailAndTheOldErrorMember()
    {
        using var response = await _silo.Http.GetAsync("/accounts/ann/statement.json?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Bad paging query", problem.GetProperty("title").GetString());
        Assert.StartsWith("https://", problem.GetProperty("type").GetString());
        Assert.Contains("'limit=0' is not valid", problem.GetProperty("detail").GetString());
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownAccount_Is404ProblemDetails()
    {
        using var response = await _silo.Http.GetAsync("/accounts/nobody/statement.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Account not open", problem.GetProperty("title").GetString());
        Assert.Contains("'nobody' is not open", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Head_Is200WithoutABody(string path)
    {
        using var response = await _silo.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Live_Is200Healthy()
    {
        var root = JsonDocument.Parse(await _silo.Http.GetStringAsync("/health/live")).RootElement;

        Assert.Equal("healthy", root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_ListsEveryEndpointWithItsResponses()
    {
        using var response = await _silo.Http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        string[] Responses(string path, string method) =>
            [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name)];
        Assert.Equal(["200", "400", "404", "503"], Responses("/accounts/{id}/statement.json", "get"));
        Assert.Equal(["200", "400", "404", "503"], Responses("/accounts/{id}/statement.csv", "get"));
        Assert.Equal(["200", "503"], Responses("/health/ready", "get"));
        Assert.Equal(["200", "503"], Responses("/health", "get"));
        Assert.Equal(["200"], Responses("/health/live", "get"));
        Assert.Equal(["200"], Responses("/cluster", "get"));
        Assert.Equal(["200"], Responses("/cluster/local", "get"));
        Assert.True(paths.GetProperty("/health").TryGetProperty("head", out _), "HEAD /health is listed");
        var operationIds = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("operationId", out _)).Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(operationIds.Distinct(), operationIds);
    }
}
