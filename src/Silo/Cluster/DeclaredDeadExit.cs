using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Silo.Cluster;

/// <summary>
/// Stops the executable when the cluster declared this silo dead, and remembers it so the process exits with
/// <see cref="ExitCode"/>: a supervisor sees that the silo did not stop of its own accord, and restarts it.
/// </summary>
internal sealed partial class DeclaredDeadExit(IHostApplicationLifetime host, ILogger<DeclaredDeadExit> logger) : ISiloLifetime
{
    /// <summary>The exit code of a silo the cluster declared dead; documented in --help and docs/OPERATIONS.md.</summary>
    public const int ExitCode = 3;

    private int _stopped;

    /// <summary>True once the runtime asked this silo to stop because the cluster declared it dead.</summary>
    public bool DeclaredDead => Volatile.Read(ref _stopped) != 0;

    public void StopSilo(string reason)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        LogDeclaredDead(logger, reason, ExitCode);
        // Off the caller's thread: the caller is a membership loop, which the stop it starts waits for.
        _ = Task.Run(host.StopApplication);
    }

    [LoggerMessage(1, LogLevel.Critical, "The silo was declared dead by the cluster and stops; it exits with code {ExitCode}. {Reason}")]
    private static partial void LogDeclaredDead(ILogger logger, string reason, int exitCode);
}
