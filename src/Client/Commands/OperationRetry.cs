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

    /// <summary>The wait before the first retry; each later one waits three times the one before (100 ms, 300 ms).</summary>
    /// <remarks>Long enough for the cluster to see a stopping silo's new row or a lost gateway's successor, short enough not to be noticed.</remarks>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 or later).</summary>
    public static TimeSpan BackoffBefore(int attempt) => FirstBackoff * Math.Pow(3, attempt - 2);

    /// <summary>
    /// Runs <paramref name="call"/>, again after each <see cref="SiloUnavailableException"/>, at most
    /// <see cref="MaxAttempts"/> times, waiting <see cref="BackoffBefore"/> before each retry. <paramref name="retrying"/>
    /// hears of each retry; giving up throws a <see cref="SiloUnavailableException"/> that says how many attempts failed
    /// and why the last one did. <paramref name="wait"/> replaces the real wait (tests pass one that does not sleep).
    /// </summary>
    /// <remarks>Once <paramref name="cancellationToken"/> is cancelled nothing is sent again: the caller gave up.</remarks>
    public static async Task<T> CallAsync<T>(
        Func<Task<T>> call,
        string operationId,
        Action<string>? retrying = null,
        CancellationToken cancellationToken = default,
        Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (SiloUnavailableException ex) when (attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var backoff = BackoffBefore(attempt + 1);
                retrying?.Invoke($"Operation {operationId} got no answer ({ex.Message.TrimEnd('.')}); sending it again through another gateway in {backoff.TotalMilliseconds:0} ms, attempt {attempt + 1} of {MaxAttempts}.");
            }
            catch (SiloUnavailableException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Gave up on operation {operationId} after {attempt} attempts through the known gateways; the last failed: {ex.Message}", ex);
            }

            try
            {
                await (wait ?? RealWait)(BackoffBefore(attempt + 1), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Operation {operationId} was cancelled while waiting to be sent again; it may or may not have been applied: retry with the same operation id.", cancellationToken);
            }
        }
    }

    private static Task RealWait(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, TimeProvider.System, cancellationToken);
}
