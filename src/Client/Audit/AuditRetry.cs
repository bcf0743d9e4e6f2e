using OrleansBank.Runtime;

namespace OrleansBank.Client.Audit;

/// <summary>
/// Sends a call until it has an answer: after an error that leaves the outcome unknown (connection lost, silo gone,
/// timeout, store failure) the same call, with the same ids, goes again on another connection, a dropped one being
/// replaced. The bank's ids make every repeat harmless.
/// </summary>
internal static class AuditRetry
{
    public const int MaxAttempts = 40;

    /// <summary>True for errors after which the call may or may not have run and is safe to send again.</summary>
    public static bool IsUnknownOutcome(Exception error) =>
        error is SiloUnavailableException or TimeoutException or IOException or GrainStorageException or ObjectDisposedException;

    /// <summary>Runs <paramref name="call"/> on connection <paramref name="slot"/>, retrying as above; <paramref name="retried"/> is called once if any retry was needed.</summary>
    public static async Task<T> RunAsync<T>(AuditClients clients, int slot, Func<IClusterClient, Task<T>> call, Action? retried, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            IClusterClient? client = null;
            try
            {
                client = await clients.GetAsync(slot, cancellationToken);
                return await call(client);
            }
            catch (Exception e) when (IsUnknownOutcome(e) && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    retried?.Invoke();
                }

                if (client is not null && e is SiloUnavailableException or IOException or ObjectDisposedException)
                {
                    await clients.ResetAsync(slot, client);
                }

                // Another connection, after a pause that grows: a silo being replaced needs a moment to be found dead.
                slot++;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 1_000)), cancellationToken);
            }
        }
    }
}
