using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Http;

/// <summary>Statements over HTTP: CSV for spreadsheets and the download command, JSON for programs.</summary>
internal static class StatementEndpoints
{
    public const string CsvHeader = "sequence,operationId,kind,amount,balanceAfter,timestamp";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Map(WebApplication app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "healthy" }, Json));
        app.MapGet("/accounts/{id}/statement.json", async (string id, IClusterClient client) =>
            await WithStatement(client, id, statement => Results.Json(statement, Json)));
        app.MapGet("/accounts/{id}/statement.csv", async (string id, IClusterClient client) =>
            await WithStatement(client, id, statement => Results.Text(ToCsv(statement), "text/csv; charset=utf-8")));
    }

    public static string ToCsv(Statement statement)
    {
        var csv = new System.Text.StringBuilder(64 * (statement.Entries.Count + 1));
        csv.Append(CsvHeader).Append('\n');
        foreach (var e in statement.Entries)
        {
            csv.Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(e.OperationId)).Append(',')
                .Append(JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString())).Append(',')
                .Append(e.Amount.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.BalanceAfter.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.Timestamp.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private static async Task<IResult> WithStatement(IClusterClient client, string id, Func<Statement, IResult> render)
    {
        try
        {
            return render(await client.GetGrain<IAccountGrain>(id).GetStatement());
        }
        catch (AccountNotOpenException ex)
        {
            return Results.Json(new { error = ex.Message }, Json, statusCode: StatusCodes.Status404NotFound);
        }
    }

    // Operation ids come from clients: quote any that could break a CSV row.
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
