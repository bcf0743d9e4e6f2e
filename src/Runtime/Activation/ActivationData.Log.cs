using Microsoft.Extensions.Logging;

namespace OrleansBank.Runtime.Activation;

internal sealed partial class ActivationData
{
    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Debug, "Activated {GrainId} ({GrainClass})")]
        public static partial void Activated(ILogger logger, GrainId grainId, string grainClass);

        [LoggerMessage(1002, LogLevel.Debug, "Deactivated {GrainId}: {Reason}")]
        public static partial void Deactivated(ILogger logger, GrainId grainId, string reason);

        [LoggerMessage(1003, LogLevel.Warning, "Activation of {GrainId} failed; its queued calls get the error")]
        public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1004, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed; the activation is dropped anyway")]
        public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1005, LogLevel.Warning, "{Message}")]
        public static partial void Deadlock(ILogger logger, string message);

        [LoggerMessage(1006, LogLevel.Debug, "Dropped {Request}: its deadline passed while it waited")]
        public static partial void ExpiredRequestDropped(ILogger logger, string request);

        [LoggerMessage(1007, LogLevel.Debug, "{GrainId} is registered on silo {Winner}: this activation forwards its queue there and never runs")]
        public static partial void LostRegistration(ILogger logger, GrainId grainId, SiloAddress winner);

        [LoggerMessage(1008, LogLevel.Warning, "{GrainId} could not be registered in the grain directory; its queued calls fail")]
        public static partial void RegistrationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1009, LogLevel.Warning, "{GrainId} was not activated: this silo is not a live cluster member")]
        public static partial void NotAMember(ILogger logger, GrainId grainId);

        [LoggerMessage(1010, LogLevel.Warning, "{GrainId} could not be unregistered from the grain directory")]
        public static partial void UnregistrationFailed(ILogger logger, Exception exception, GrainId grainId);

        [LoggerMessage(1012, LogLevel.Warning, "{Request} could not be handed on from a retired activation; its caller gets the error")]
        public static partial void HandOnFailed(ILogger logger, Exception exception, string request);
    }
}
