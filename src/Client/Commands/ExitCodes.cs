using System.Net.Sockets;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>The client's exit codes, and which errors map to which.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int BusinessError = 1;
    public const int UsageError = 2;
    public const int SiloUnreachable = 3;

    /// <summary>The silo is up but its store failed: nothing changed; retry later with the same operation id.</summary>
    public const int StoreFailed = 4;

    /// <summary>The exit code and the one line to print for an error.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="operationId">
    /// The operation id of the change the command sent, if any. After an error that leaves the outcome open or asks for
    /// a retry (exit 3 or 4) the line names it, since a retry with any other id could apply the change twice.
    /// </param>
    public static (int Code, string Message) Classify(Exception error, string? operationId = null)
    {
        var (code, message) = Classify(error);
        return operationId is not null && code is SiloUnreachable or StoreFailed
            ? (code, $"{message.TrimEnd()} To be safe, retry with --op-id {operationId}: an operation id is applied at most once.")
            : (code, message);
    }

    private static (int Code, string Message) Classify(Exception error) => error switch
    {
        SiloUnavailableException => (SiloUnreachable, error.Message),
        GrainStorageException => (StoreFailed, $"The silo's store failed, so nothing changed: {error.Message}"),
        TimeoutException => (SiloUnreachable, $"The silo did not answer in time: {error.Message}"),
        HttpRequestException { InnerException: SocketException } => (SiloUnreachable, $"The silo's HTTP endpoint is unreachable: {error.Message}"),
        OperationCanceledException => (BusinessError, "Cancelled."),
        _ => (BusinessError, error.Message),
    };
}
