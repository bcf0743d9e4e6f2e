using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>The statement endpoints on a silo in this process, over real loopback HTTP, for a ledger of several pages.</summary>
public sealed class StatementEndpointsTests : IAsyncLifetime
{
    private const int Entries = 2 * StatementPage.MaxEntries + 1;
    private const string Account = "long";
    private WebSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await WebSilo.StartAsync(builder =>
            builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault()));

        var account = _silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(Account);
        await account.Open("Lee", 1m, "o");
        foreach (var batch in Enumerable.Range(2, Entries - 1).Chunk(1_000))
        {
            await Task.WhenAll(batch.Select(i => account.Deposit(1m, $"d{i}")));
        }
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task FullJson_OverSeveralPages_IsStreamedWithEveryEntry()
    {
        using var response = await _silo.Http.GetAsync($"/accounts/{Account}/statement.json", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((Account, "Lee", "open"), (root.GetProperty("accountId").GetString(), root.GetProperty("owner").GetString(), root.GetProperty("status").GetString()));
        Assert.Equal(Entries, root.GetProperty("balance").GetDecimal());
        Assert.Equal(Entries, root.GetProperty("totalEntries").GetInt64());
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => (long)i), root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task FullCsv_OverSeveralPages_IsStreamedWithEveryRow()
    {
        using var response = await _silo.Http.GetAsync($"/accounts/{Account}/statement.csv", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("sequence,operationId,kind,amount,balanceAfter,timestamp", lines[0]);
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l[..l.IndexOf(',')]));
    }

    [Fact]
    public async Task JsonPage_AfterAndLimit_GivesThatPageAndWhereToGoOn()
    {
        var root = JsonDocument.Parse(await _silo.Http.GetStringAsync($"/accounts/{Account}/statement.json?after=10&limit=3")).RootElement;

        Assert.Equal([11L, 12L, 13L], root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(13, root.GetProperty("nextAfter").GetInt64());
        Assert.True(root.GetProperty("hasMore").GetBoolean());
        Assert.Equal(Entries, root.GetProperty("totalEntries").GetInt64());
    }

    [Fact]
    public async Task CsvPage_LimitOnly_StartsAtTheFirstEntry_PagingInHeaders()
    {
        using var response = await _silo.Http.GetAsync($"/accounts/{Account}/statement.csv?limit=2");

        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1,o,deposit,1,1,", lines[1]);
        Assert.StartsWith("2,d2,deposit,1,2,", lines[2]);
        Assert.Equal("2", response.Headers.GetValues("X-Next-After").Single());
        Assert.Equal("true", response.Headers.GetValues("X-Has-More").Single());
        Assert.Equal($"{Entries}", response.Headers.GetValues("X-Total-Entries").Single());
    }

    [Fact]
    public async Task JsonPage_LastPage_SaysThereIsNoMore()
    {
        var root = JsonDocument.Parse(await _silo.Http.GetStringAsync($"/accounts/{Account}/statement.json?after={Entries - 1}")).RootElement;

        Assert.Equal(Entries, Assert.Single(root.GetProperty("entries").EnumerateArray()).GetProperty("sequence").GetInt64());
        Assert.False(root.GetProperty("hasMore").GetBoolean());
    }

    [Theory]
    [InlineData("json", "after=-1", "'after=-1' is not valid")]
    [InlineData("json", "after=abc", "'after=abc' is not valid")]
    [InlineData("csv", "limit=0", "'limit=0' is not valid")]
    [InlineData("csv", "limit=10001", "'limit=10001' is not valid")]
    [InlineData("json", "limit=", "'limit=' is not valid")]
    [InlineData("json", "after=1&after=2", "'after=1,2' is not valid")]
    public async Task BadQueryValue_Is400WithAJsonErrorSayingWhatIsAccepted(string format, string query, string expected)
    {
        using var response = await _silo.Http.GetAsync($"/accounts/{Account}/statement.{format}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(expected, error);
        Assert.Contains("limit a whole number from 1 to 10,000", error);
    }

    [Theory]
    [InlineData("statement.json")]
    [InlineData("statement.csv")]
    [InlineData("statement.json?limit=5")]
    [InlineData("statement.csv?after=3")]
    public async Task UnknownAccount_Is404WithAJsonError(string path)
    {
        using var response = await _silo.Http.GetAsync($"/accounts/nobody/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'nobody' is not open", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
