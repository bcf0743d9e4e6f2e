using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>GET /transfers/{id} on a silo in this process, over real loopback HTTP.</summary>
public sealed class TransferEndpointsTests : IAsyncLifetime
{
    private WebSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await WebSilo.StartAsync(builder =>
            builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault()));
        var grains = _silo.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>("ann").Open("Ann", 50m, "o");
        await grains.GetGrain<IAccountGrain>("bob").Open("Bob", 0m, "o");
        await grains.GetGrain<ITransferGrain>("t-1").Transfer("ann", "bob", 20m);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Get_RecordedTransfer_IsItsRecordAsJson()
    {
        using var response = await _silo.Http.GetAsync("/transfers/t-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("t-1", "completed", "posted"), (root.GetProperty("transferId").GetString(), root.GetProperty("step").GetString(), root.GetProperty("decision").GetString()));
        var result = root.GetProperty("result");
        Assert.Equal(("ann", "bob", 20m, 30m, 20m), (result.GetProperty("from").GetString(), result.GetProperty("to").GetString(), result.GetProperty("amount").GetDecimal(), result.GetProperty("fromBalance").GetDecimal(), result.GetProperty("toBalance").GetDecimal()));
    }

    [Theory]
    [InlineData("/transfers/t-none", 404, "No transfer is recorded under id 't-none'.")]
    [InlineData("/transfers/has%20space", 400, "transfer id")]
    public async Task Get_UnknownOrBadId_IsProblemDetails(string path, int status, string detail)
    {
        using var response = await _silo.Http.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}
