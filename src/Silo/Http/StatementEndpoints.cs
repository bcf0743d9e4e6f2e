using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Http;

/// <summary>
/// Statements over HTTP: CSV for spreadsheets and the download command, JSON for programs. With <c>?after=&amp;limit=</c>
/// one page; without, the whole statement, streamed a page at a time so that its size does not matter.
/// </summary>
internal static partial class StatementEndpoints
{
    public const string CsvHeader = "sequence,operationId,kind,amount,balanceAfter,timestamp";

    private const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly string Accepted =
        $"Accepted: no query for the whole statement, or ?after=SEQ&limit=N for one page: after a whole number, 0 or more (default 0); limit a whole number from 1 to {StatementPage.MaxEntries:N0} (default {StatementPage.MaxEntries:N0}).";

    public static void Map(WebApplication app)
    {
        app.MapGet("/accounts/{id}/statement.json", (string id, HttpContext http, IClusterClient client, ILoggerFactory logs) =>
            ServeAsync(http, client.GetGrain<IAccountGrain>(id), json: true, logs.CreateLogger(typeof(StatementEndpoints).FullName!)))
            .WithName("StatementJson").WithTags("Statements").WithSummary("The statement as JSON: the whole of it, or one page with ?after=&limit=.")
            .Produces<StatementPage>(StatusCodes.Status200OK, "application/json")
            .WithErrors();
        app.MapGet("/accounts/{id}/statement.csv", (string id, HttpContext http, IClusterClient client, ILoggerFactory logs) =>
            ServeAsync(http, client.GetGrain<IAccountGrain>(id), json: false, logs.CreateLogger(typeof(StatementEndpoints).FullName!)))
            .WithName("StatementCsv").WithTags("Statements").WithSummary("The statement as CSV; a page's paging fields are in X-Total-Entries, X-Next-After and X-Has-More.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithErrors();
    }

    // The errors every statement endpoint may answer with, for the OpenAPI document.
    private static RouteHandlerBuilder WithErrors(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Appends one CSV row per entry.</summary>
    public static void AppendCsv(StringBuilder csv, IEnumerable<LedgerEntry> entries)
    {
        foreach (var e in entries)
        {
            csv.Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(e.OperationId)).Append(',')
                .Append(JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString())).Append(',')
                .Append(e.Amount.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.BalanceAfter.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.Timestamp.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static async Task<IResult> ServeAsync(HttpContext http, IAccountGrain account, bool json, ILogger logger)
    {
        var query = http.Request.Query;
        var onePage = query.ContainsKey("after") || query.ContainsKey("limit");
        if (!TryRead(query, "after", 0, long.MaxValue, 0, out var after, out var error)
            || !TryRead(query, "limit", 1, StatementPage.MaxEntries, StatementPage.MaxEntries, out var limit, out error))
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, "Bad paging query", $"{error} {Accepted}");
        }

        StatementPage first;
        try
        {
            first = await account.GetStatementPage(after, (int)limit);
        }
        catch (AccountNotOpenException ex)
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, "Account not open", ex.Message);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or GrainStorageException)
        {
            // Shutting down, or the store is failing: nothing was read, and the same request may succeed shortly.
            http.Response.Headers.RetryAfter = "1";
            return ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, "The silo cannot serve this now", ex.Message);
        }

        if (onePage)
        {
            return json ? Results.Json(first, BankJson.Options) : CsvPage(http, first);
        }

        await StreamAsync(http, account, first, json, logger);
        return Results.Empty;
    }

    private static IResult CsvPage(HttpContext http, StatementPage page)
    {
        // A CSV body has no room for paging fields: they go in headers.
        http.Response.Headers["X-Total-Entries"] = page.TotalEntries.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Next-After"] = page.NextAfter.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Has-More"] = page.HasMore ? "true" : "false";
        var csv = new StringBuilder(CsvHeader).Append('\n');
        AppendCsv(csv, page.Entries);
        return Results.Text(csv.ToString(), CsvContentType);
    }

    /// <summary>
    /// Writes the whole statement a page at a time, each page flushed before the next is asked for, so the silo never
    /// holds more than one page. A failure after the first byte cannot change the status code: the response is then
    /// aborted, so the client sees a broken download rather than a short one that looks whole.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, IAccountGrain account, StatementPage first, bool json, ILogger logger)
    {
        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        response.ContentType = json ? "application/json; charset=utf-8" : CsvContentType;
        var page = first;
        try
        {
            if (json)
            {
                // On the body's pipe, the serializer's own flushes only hand bytes to the pipe: no synchronous I/O.
                await using var writer = new Utf8JsonWriter(response.BodyWriter);
                writer.WriteStartObject();
                writer.WriteString("accountId", page.AccountId);
                writer.WriteString("owner", page.Owner);
                writer.WriteStartArray("entries");
                while (true)
                {
                    foreach (var entry in page.Entries)
                    {
                        JsonSerializer.Serialize(writer, entry, BankJson.Options);
                    }

                    await writer.FlushAsync(cancellationToken);
                    await response.BodyWriter.FlushAsync(cancellationToken);
                    if (!page.HasMore)
                    {
                        break;
                    }

                    page = await account.GetStatementPage(page.NextAfter, StatementPage.MaxEntries);
                }

                // Status and balance come from the last page, the one consistent with the entries just written.
                writer.WriteEndArray();
                writer.WritePropertyName("status");
                JsonSerializer.Serialize(writer, page.Status, BankJson.Options);
                writer.WriteNumber("balance", page.Balance);
                writer.WriteNumber("totalEntries", page.TotalEntries);
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken);
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
            else
            {
                var csv = new StringBuilder(CsvHeader).Append('\n');
                while (true)
                {
                    AppendCsv(csv, page.Entries);
                    await response.WriteAsync(csv.ToString(), cancellationToken);
                    csv.Clear();
                    if (!page.HasMore)
                    {
                        break;
                    }

                    page = await account.GetStatementPage(page.NextAfter, StatementPage.MaxEntries);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStreamFailed(logger, ex, first.AccountId, page.NextAfter);
            http.Abort();
        }
    }

    /// <summary>Reads an optional whole-number query value within bounds; false with an error naming it otherwise.</summary>
    private static bool TryRead(IQueryCollection query, string name, long min, long max, long fallback, out long value, out string error)
    {
        value = fallback;
        error = "";
        if (!query.TryGetValue(name, out StringValues values))
        {
            return true;
        }

        if (values.Count == 1
            && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
        {
            return true;
        }

        var given = string.Join(",", values.ToArray());
        error = $"'{name}={(given.Length > 40 ? given[..40] + "..." : given)}' is not valid.";
        return false;
    }

    // Operation ids come from clients: quote any that could break a CSV row.
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    [LoggerMessage(4001, LogLevel.Warning, "The statement of {Account} broke off after sequence {Sequence}; aborted the download")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string account, long sequence);
}
