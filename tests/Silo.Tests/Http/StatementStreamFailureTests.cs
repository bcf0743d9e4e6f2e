using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>
/// A whole statement whose second page fails: the download must break, not end early looking complete; and a silo
/// that cannot serve the first page at all answers 503, not 500.
/// </summary>
public sealed class StatementStreamFailureTests : IAsyncLifetime
{
    private WebSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await WebSilo.StartAsync(builder => builder.Services.AddSingleton<IClusterClient>(new SecondPageFails()));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("statement.csv")]
    [InlineData("statement.json")]
    public async Task WholeStatement_LaterPageFails_ResponseIsAbortedNotCutShort(string path)
    {
        // The reset may overtake the first page's bytes, so the break shows either at the headers or in the body.
        var error = await Record.ExceptionAsync(async () =>
        {
            using var response = await _silo.Http.GetAsync($"/accounts/a/{path}", HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(Stream.Null);
        });

        Assert.True(error is HttpRequestException or IOException, $"Expected a broken response, got {error?.GetType().Name ?? "one that ended normally"}.");
    }

    [Theory]
    [InlineData("statement.csv")]
    [InlineData("statement.json")]
    public async Task Statement_SiloShuttingDown_Is503WithTheReason(string path)
    {
        using var response = await _silo.Http.GetAsync($"/accounts/down/{path}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("is shutting down", await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task StatementPage_UnexpectedFailure_Is500ProblemDetailsWithoutTheException()
    {
        using var response = await _silo.Http.GetAsync("/accounts/a/statement.json?after=5");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("InvalidOperationException", body);
    }

    /// <summary>
    /// A client whose accounts answer the first page, with more to come, and fail every later one; account "down"
    /// answers as a silo that is shutting down.
    /// </summary>
    private sealed class SecondPageFails : IClusterClient
    {
        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
            where TGrainInterface : IGrainWithStringKey
        {
            var account = DispatchProxy.Create<TGrainInterface, FailingAccount>();
            ((FailingAccount)(object)account).Down = primaryKey == "down";
            return account;
        }

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
            where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
            where TGrainInterface : IGrainWithIntegerKey => throw new NotSupportedException();
    }

    // A proxy rather than a class implementing IAccountGrain, so the interface may grow without touching this test.
    public class FailingAccount : DispatchProxy
    {
        public bool Down { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            Down ? Task.FromException<StatementPage>(new SiloShuttingDownException("The silo test is shutting down and did not run IAccountGrain.GetStatementPage."))
            : targetMethod?.Name == nameof(IAccountGrain.GetStatementPage) && args![0] is 0L
                ? Task.FromResult(new StatementPage("a", "Ann", AccountStatus.Open, 1m, 2, [new LedgerEntry(1, "o", LedgerEntryKind.Deposit, 1m, 1m, DateTimeOffset.UnixEpoch)], 1, true))
                : Task.FromException<StatementPage>(new InvalidOperationException("The silo is shutting down."));
    }
}
