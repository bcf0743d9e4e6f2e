using System.Threading.Channels;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Provider SPI. Group commit: appends that arrive while a transaction is being written wait, then all go in the next transaction,
/// so many appends (of one log or many) share one flush to disk. Each is acknowledged only after that commit.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PendingAppend>, Task> _writeBatch;
    private readonly int _maxEventsPerBatch;
    private readonly StorageMetrics? _metrics;
    private readonly string _store;
    private readonly Task _loop;

    /// <param name="writeBatch">Writes every append in one transaction, setting <see cref="PendingAppend.Refusal"/> on conflicts; throws if the transaction fails.</param>
    /// <param name="maxEventsPerBatch">Caps one transaction's size.</param>
    /// <param name="metrics">Where each commit's size and duration are recorded; null records nothing.</param>
    /// <param name="store">The kind of store, the <c>store</c> tag of those metrics ("sqlite", "postgres").</param>
    public GroupCommitter(Func<IReadOnlyList<PendingAppend>, Task> writeBatch, int maxEventsPerBatch = 4096, StorageMetrics? metrics = null, string store = "unknown")
    {
        _writeBatch = writeBatch;
        _maxEventsPerBatch = maxEventsPerBatch;
        _metrics = metrics;
        _store = store;
        _loop = Task.Run(RunAsync);
    }

    public Task Enqueue(PendingAppend append)
    {
        if (!_queue.Writer.TryWrite(append))
        {
            append.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitter), "The storage provider is shut down; nothing was written."));
        }

        return append.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var events = 0;
            while (events < _maxEventsPerBatch && _queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
                events += append.Events.Length;
            }

            try
            {
                var start = _metrics?.Start() ?? 0;
                await _writeBatch(batch);
                _metrics?.RecordCommit(_store, events, start);
                foreach (var append in batch)
                {
                    append.Committed();
                }
            }
            catch (Exception ex)
            {
                // The transaction rolled back: none of the batch is stored, so every append in it fails.
                foreach (var append in batch)
                {
                    append.Done.TrySetException(ex);
                }
            }
        }
    }
}
