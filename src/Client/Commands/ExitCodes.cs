using System.Net.Sockets;
using System.Text.RegularExpressions;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>The client's exit codes, and which errors map to which.</summary>
internal static partial class ExitCodes
{
    public const int Success = 0;
    public const int BusinessError = 1;
    public const int UsageError = 2;
    public const int SiloUnreachable = 3;

    /// <summary>The silo is up but its store failed: nothing changed; retry later with the same operation id.</summary>
    public const int StoreFailed = 4;

    /// <summary>audit: the books do not balance (an anomaly was found); the report lists each.</summary>
    public const int BooksDoNotBalance = 5;

    /// <summary>Stopped by Ctrl+C (SIGINT), by the shells' convention 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes as the help of every command lists them.</summary>
    public const string Help = """
        Exit codes:
          0    done (a declined withdrawal is a result, not an error)
          1    refused by the bank (e.g. account not open, already open, closed, operation id reused)
          2    usage error: a bad or missing argument or option; nothing was sent
          3    the silo is unreachable or did not answer in time
          4    the silo's store failed: nothing changed; retry with the same --op-id
          5    audit: the books do not balance (the report lists each anomaly)
          130  cancelled with Ctrl+C
        """;

    /// <summary>The exit code and the one line to print for an error.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="operationId">
    /// The operation id of the change the command sent, if any. After an error that leaves the outcome open or asks for
    /// a retry (exit 3 or 4) the line names it, since a retry with any other id could apply the change twice.
    /// </param>
    /// <param name="retryOption">The option that carries the id on a retry: --op-id, or --id for a transfer.</param>
    public static (int Code, string Message) Classify(Exception error, string? operationId = null, string retryOption = "--op-id")
    {
        var (code, message) = Classify(error);
        return operationId is not null && code is SiloUnreachable or StoreFailed or Cancelled
            ? (code, $"{message.TrimEnd()} To be safe, retry with {retryOption} {operationId}: an operation id is applied at most once.")
            : (code, message);
    }

    private static (int Code, string Message) Classify(Exception error) => error switch
    {
        SiloUnavailableException => (SiloUnreachable, error.Message),
        GrainStorageException => (StoreFailed, $"The silo's store failed, so nothing changed: {error.Message}"),
        TimeoutException => (SiloUnreachable, $"The silo did not answer in time: {error.Message}"),
        HttpRequestException { InnerException: SocketException } => (SiloUnreachable, $"The silo's HTTP endpoint is unreachable: {error.Message}"),
        OperationCanceledException => (Cancelled, "Cancelled."),
        ArgumentException => (UsageError, Plain(error.Message)),
        _ => (BusinessError, Plain(error.Message)),
    };

    /// <summary>The message without what .NET appends for programmers: the parameter's name and the actual value.</summary>
    private static string Plain(string message) => DotNetSuffix().Replace(message, "").Trim();

    [GeneratedRegex(@"\s*(\(Parameter '[^']*'\)|Actual value was [^\r\n]*)")]
    private static partial Regex DotNetSuffix();
}
