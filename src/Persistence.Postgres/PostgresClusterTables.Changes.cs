using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Postgres.PostgresClusterSql;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// The change signal: one connection per store LISTENs on <see cref="Channel"/> and wakes waiters on a notification
/// for this cluster. When the connection breaks it reconnects, and every (re)connect wakes waiters too, since a
/// change committed while nobody listened sent its NOTIFY to no one.
/// </summary>
internal sealed partial class PostgresClusterTables
{
    private readonly NpgsqlDataSource _listenerDataSource;
    private readonly CancellationTokenSource _stopListening = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _listener;
    private int _listenerProcessId;

    /// <summary>The server process of the listening connection (0 while none), so tests can break it as a network fault would.</summary>
    internal int ListenerProcessId => Volatile.Read(ref _listenerProcessId);

    public async Task<TableVersion> WaitForChangeAsync(TableVersion seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        while (true)
        {
            // Taken before the read, so a notification between the read and the wait still wakes this waiter.
            var signal = Volatile.Read(ref _change).Task;
            var current = await Guard("read the membership version", async () =>
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await Scalar(connection, "SELECT version FROM cluster_membership_version WHERE cluster_id = @c;", ("c", _clusterId)) as long? ?? 0;
            });
            if (current > seen.Version)
            {
                return TableVersion.Stored(current);
            }

            await Task.WhenAny(signal, Task.Delay(_options.ChangeFallbackPollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void SignalChange() =>
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Starts the listener once, and returns when it first listens, so no write after InitializeAsync goes unheard; fails
    /// if its first attempt does.
    /// </summary>
    private Task StartListeningAsync(CancellationToken cancellationToken)
    {
        lock (_stopListening)
        {
            _listener ??= Task.Run(() => ListenAsync(_stopListening.Token));
        }

        return _listening.Task.WaitAsync(cancellationToken);
    }

    private async Task StopListeningAsync()
    {
        await _stopListening.CancelAsync();
        if (_listener is not null)
        {
            await _listener;
        }

        _stopListening.Dispose();
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var broken = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _listenerDataSource.OpenConnectionAsync(stop);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == _clusterId)
                    {
                        SignalChange();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                Volatile.Write(ref _listenerProcessId, connection.ProcessID);
                if (broken)
                {
                    LogListenerBack(_logger, _server, _clusterId);
                    broken = false;
                }

                SignalChange();
                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) // whatever broke the connection, the silo must keep hearing about changes: retry
            {
                Volatile.Write(ref _listenerProcessId, 0);

                // Never listened yet: InitializeAsync fails with the reason rather than wait; the listener keeps trying.
                _listening.TrySetException(new ClusterTableException(
                    $"Cluster tables at {_server}: could not listen for membership changes: {ex.Message}", ex));
                if (!broken)
                {
                    LogListenerLost(_logger, ex, _server, _clusterId, _options.ListenerReconnectDelay);
                    broken = true;
                }

                try
                {
                    await Task.Delay(_options.ListenerReconnectDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(5001, LogLevel.Warning, "Lost the membership change listener on PostgreSQL at {Server} (cluster {ClusterId}); reconnecting every {Delay}, polling until then")]
    private static partial void LogListenerLost(ILogger logger, Exception error, string server, string clusterId, TimeSpan delay);

    [LoggerMessage(5002, LogLevel.Information, "The membership change listener on PostgreSQL at {Server} (cluster {ClusterId}) listens again")]
    private static partial void LogListenerBack(ILogger logger, string server, string clusterId);
}
