using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>
/// Sends a call that carries an operation id again when its gateway was lost or refused it: the id makes a repeat
/// apply at most once, and the client connects to another gateway for the next attempt.
/// </summary>
internal static class OperationRetry
{
    /// <summary>Attempts per call, the first included: enough to step over a lost gateway or two, not to hide an outage.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="call"/>, again after each <see cref="SiloUnavailableException"/>, at most
    /// <see cref="MaxAttempts"/> times. <paramref name="retrying"/> hears of each retry; giving up throws a
    /// <see cref="SiloUnavailableException"/> that says how many attempts failed and why the last one did.
    /// </summary>
    /// <remarks>Once <paramref name="cancellationToken"/> is cancelled nothing is sent again: the caller gave up.</remarks>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string operationId, Action<string>? retrying = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (SiloUnavailableException ex) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                retrying?.Invoke($"Operation {operationId} got no answer ({ex.Message.TrimEnd('.')}); sending it again through another gateway, attempt {attempt + 1} of {MaxAttempts}.");
            }
            catch (SiloUnavailableException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Gave up on operation {operationId} after {attempt} attempts through the known gateways; the last failed: {ex.Message}", ex);
            }
        }
    }
}
