using Microsoft.Extensions.Logging;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Log messages.</summary>
internal sealed partial class MembershipService
{
    [LoggerMessage(1, LogLevel.Information, "Silo {Silo} inserted its membership row as Joining")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo);

    [LoggerMessage(2, LogLevel.Information, "Silo {Silo} is now {Status} in the membership table")]
    private static partial void LogStatus(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(3, LogLevel.Warning, "Wrote the older generation {Silo} of this silo's endpoint dead: this silo restarted")]
    private static partial void LogOldGenerationDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(4, LogLevel.Warning, "Probe of {Silo} missed ({Missed} in a row, limit {Limit}): {Reason}")]
    private static partial void LogProbeMissed(ILogger logger, SiloAddress silo, int missed, int limit, string? reason);

    [LoggerMessage(5, LogLevel.Warning, "Voted silo {Silo} dead")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo);

    [LoggerMessage(6, LogLevel.Warning, "Declared silo {Silo} dead: enough fresh votes")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(7, LogLevel.Warning, "Member {Silo} has a stale heartbeat and does not answer: {Reason}")]
    private static partial void LogStaleUnreachable(ILogger logger, SiloAddress silo, string? reason);

    [LoggerMessage(8, LogLevel.Critical, "Silo {Silo} reads itself dead and stops: {Reason}")]
    private static partial void LogSelfDead(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(9, LogLevel.Error, "Membership {Step} of silo {Silo} failed; it is tried again")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step, SiloAddress silo);

    [LoggerMessage(10, LogLevel.Warning, "Silo {Silo} stops without telling the cluster it is leaving: {Reason}")]
    private static partial void LogLeavingUnannounced(ILogger logger, SiloAddress silo, string reason);
}
