using Microsoft.Extensions.Hosting;

namespace OrleansBank.Client.Commands;

/// <summary>
/// The client host's lifetime: the command line, not the host, owns Ctrl+C. The host's default console lifetime
/// would take SIGINT for itself, so the command's cancellation token would never fire and Ctrl+C would do nothing.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
