namespace OrleansBank.Silo.Http;

/// <summary>RFC 7807 problem details for the silo's errors.</summary>
internal static class ProblemResults
{
    /// <summary>
    /// A problem with the sentence a person reads in <c>detail</c>, repeated as <c>error</c> because clients written
    /// before problem details (the command-line client's download) read that member.
    /// </summary>
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["error"] = detail };
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: members);
    }
}
