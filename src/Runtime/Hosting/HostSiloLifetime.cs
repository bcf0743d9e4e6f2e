using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Hosting;

/// <summary>
/// Stops the whole host when the runtime asks to stop the silo, and remembers why: the executable exits non-zero
/// when <see cref="StopReason"/> is set. A host with several silos (TestCluster) registers its own ISiloLifetime.
/// </summary>
internal sealed partial class HostSiloLifetime(IHostApplicationLifetime host, ILogger<HostSiloLifetime> logger) : ISiloLifetime
{
    private string? _stopReason;

    /// <summary>Why the runtime stopped the silo, or null when it did not.</summary>
    public string? StopReason => Volatile.Read(ref _stopReason);

    public void StopSilo(string reason)
    {
        if (Interlocked.CompareExchange(ref _stopReason, reason, null) is not null)
        {
            return;
        }

        LogStopping(logger, reason);
        // Off the caller's thread: the caller is a membership loop, which the stop it starts waits for.
        _ = Task.Run(host.StopApplication);
    }

    [LoggerMessage(1, LogLevel.Critical, "Stopping the silo: {Reason}")]
    private static partial void LogStopping(ILogger logger, string reason);
}
