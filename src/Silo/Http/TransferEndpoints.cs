using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Http;

/// <summary>Transfers over HTTP: what is recorded for a transfer id, as JSON.</summary>
internal static class TransferEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/transfers/{id}", GetAsync)
            .WithName("TransferStatus").WithTags("Transfers").WithSummary("What is recorded for a transfer id: its request, how far it got, and its outcome.")
            .Produces<TransferRecord>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> GetAsync(string id, HttpContext http, IClusterClient client)
    {
        if (!OperationIds.TryValidate(id, out var error))
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, "Bad transfer id", error.Replace("operation id", "transfer id", StringComparison.Ordinal));
        }

        TransferRecord record;
        try
        {
            record = await client.GetGrain<ITransferGrain>(id).GetStatus();
        }
        catch (Exception ex) when (ex is SiloUnavailableException or GrainStorageException)
        {
            // Shutting down, or the store is failing: nothing was read, and the same request may succeed shortly.
            http.Response.Headers.RetryAfter = "1";
            return ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, "The silo cannot serve this now", ex.Message);
        }

        return record.Step == TransferStep.None
            ? ProblemResults.Create(StatusCodes.Status404NotFound, "Unknown transfer", $"No transfer is recorded under id '{id}'.")
            : Results.Json(record, BankJson.Options);
    }
}
