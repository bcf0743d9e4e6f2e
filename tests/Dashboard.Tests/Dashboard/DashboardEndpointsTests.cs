using System.Net;
using System.Text.Json;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Dashboard.Tests.Dashboard;

/// <summary>The dashboard's HTTP endpoints on a real silo process, without a browser.</summary>
public sealed class DashboardEndpointsTests(OneSilo fixture) : IClassFixture<OneSilo>, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SiloProcess _silo = fixture.Silo;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Events_Stream_OneJsonSnapshotPerMessageWithRisingIds()
    {
        using var response = await _http.GetAsync($"{_silo.Http}/dashboard/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await ReadEventAsync(reader);
        var second = await ReadEventAsync(reader);

        Assert.True(second.Id > first.Id, $"ids {first.Id} then {second.Id}");
        var silo = Assert.Single(first.Data.GetProperty("silos").EnumerateArray());
        Assert.Equal($"127.0.0.1:{_silo.GatewayPort}", silo.GetProperty("gateway").GetString());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("self").GetBoolean());
        Assert.Equal(second.Id, second.Data.GetProperty("time").GetInt64());
    }

    [Fact]
    public async Task Events_OneMessageAfterLastEventId_EndsAfterANewerSnapshot()
    {
        using var firstResponse = await _http.GetAsync($"{_silo.Http}/dashboard/events?messages=1");
        var first = Parse(await firstResponse.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_silo.Http}/dashboard/events?messages=1");
        request.Headers.Add("Last-Event-ID", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // ReadAsStringAsync returns only when the server ends the stream: one message, then the end.
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Single(body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.True(Parse(body).Id > first.Id);
        Assert.Contains("retry: ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Events_MessagesBelowOne_BadRequestSayingWhatIsAllowed(string messages)
    {
        using var response = await _http.GetAsync($"{_silo.Http}/dashboard/events?messages={messages}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 or more", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Get_HtmlWithTheFirstSnapshotInline()
    {
        using var response = await _http.GetAsync($"{_silo.Http}/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script id=\"initial-snapshot\" type=\"application/json\">{\"time\":", html, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{_silo.GatewayPort}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{SNAPSHOT}}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace(_silo.Http, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard.css", "text/css")]
    [InlineData("dashboard.js", "text/javascript")]
    public async Task File_Shipped_ServedWithItsType(string file, string type)
    {
        using var response = await _http.GetAsync($"{_silo.Http}/dashboard/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsStringAsync()).Length > 500);
    }

    [Fact]
    public async Task File_Unknown_NotFoundNamingTheFilesThatExist()
    {
        using var response = await _http.GetAsync($"{_silo.Http}/dashboard/chart.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("dashboard.css and dashboard.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloJson_AfterAnAccountIsOpened_CountsItsCallsAndActivation()
    {
        var (exit, _, error) = await _silo.ClientAsync("open", "dash-json", "--initial", "10");
        Assert.True(exit == 0, error);

        var numbers = JsonDocument.Parse(await _http.GetStringAsync($"{_silo.Http}/dashboard/silo.json")).RootElement;

        Assert.True(numbers.GetProperty("activations").GetInt32() >= 1);
        Assert.True(numbers.GetProperty("memoryBytes").GetInt64() > 0);
        var calls = numbers.GetProperty("metrics").GetProperty("methods").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "account").Sum(m => m.GetProperty("calls").GetInt64());
        Assert.True(calls >= 1, numbers.ToString());
    }

    private static async Task<(long Id, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line && line.Length > 0)
        {
            lines.Add(line);
        }

        return Parse(string.Join('\n', lines));
    }

    private static (long Id, JsonElement Data) Parse(string message)
    {
        var lines = message.Split('\n');
        var id = long.Parse(lines.Single(l => l.StartsWith("id: ", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture);
        var data = JsonDocument.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]).RootElement;
        return (id, data);
    }
}
