using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Diagnostics;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// The runtime's <see cref="IPersistentLog{TEvent}"/>. At most one append per log is in flight; events queued meanwhile
/// go in the next one, all together when the store allows group commit. Appends are called on the grain's turn and
/// complete on the thread pool, hence the lock. Snapshots and key lookups are in the other part.
/// </summary>
internal sealed partial class PersistentLog<TEvent>(
    string logName, GrainId grainId, IEventLogStorage storage, Action<Exception> onBroken, EventLogOptions options, ILogger logger)
    : IPersistentLog<TEvent>, IActivationStateLoader, IDurableState
{
    private readonly object _lock = new();
    private readonly List<Queued> _queue = [];

    /// <summary>A log with the default options and no logging, for a grain host that has neither.</summary>
    public PersistentLog(string logName, GrainId grainId, IEventLogStorage storage, Action<Exception> onBroken)
        : this(logName, grainId, storage, onBroken, new EventLogOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
    }

    private IReadOnlyList<TEvent>? _recovered;
    private Queued[]? _inFlight;
    private Exception? _broken;
    private Task? _tail;
    private Activity? _appendSpan;
    private long _version;
    private long _confirmedVersion;

    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public long ConfirmedVersion
    {
        get
        {
            lock (_lock)
            {
                return _confirmedVersion;
            }
        }
    }

    public Task? PendingWrites
    {
        get
        {
            lock (_lock)
            {
                return _inFlight is null && _queue.Count == 0 && _broken is null ? null : _tail;
            }
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (snapshot, read) = await ReadStartAsync();
        await IndexUnkeyedAsync(read);
        lock (_lock)
        {
            _loadedSnapshot = snapshot;
            _recovered = read.Events;
            _version = _confirmedVersion = read.Version;
        }
    }

    public void Replay(Action<TEvent> apply)
    {
        if (_loadedSnapshot is not null)
        {
            throw new InvalidOperationException(
                $"Log '{logName}' of {grainId} has a snapshot at version {_loadedSnapshot.Version}: replay it with ReplayAsync, which restores the snapshot first.");
        }

        var events = _recovered ?? [];
        _recovered = null;
        foreach (var @event in events)
        {
            apply(@event);
        }
    }

    public Task Append(TEvent @event)
    {
        CaptureIfDue();
        var turn = GrainCallTracing.CurrentContext();
        Queued queued;
        lock (_lock)
        {
            if (_broken is not null)
            {
                throw NotWritten(_broken);
            }

            _version++;
            queued = new Queued(@event, _version, turn);
            _queue.Add(queued);
            _tail = queued.Done.Task;
            if (_inFlight is null)
            {
                SubmitNext();
            }
        }

        return queued.Done.Task;
    }

    public async Task SettleAsync()
    {
        Task? tail;
        lock (_lock)
        {
            tail = _tail;
        }

        if (tail is not null)
        {
            await tail.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static GrainStorageException NotWritten(Exception cause) =>
        cause as GrainStorageException
        ?? new GrainStorageException($"Not written: an earlier write of this activation failed ({cause.Message}).", cause);

    /// <summary>Sends queued events to the store; call under the lock with nothing in flight.</summary>
    private void SubmitNext()
    {
        var count = storage.GroupCommit ? _queue.Count : 1;
        var batch = _queue.GetRange(0, count).ToArray();
        _queue.RemoveRange(0, count);
        _inFlight = batch;
        var events = new TEvent[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            events[i] = batch[i].Event;
        }

        var expected = _version - _queue.Count - batch.Length;
        _appendSpan = StartSpan(batch);
        Task append;
        try
        {
            append = storage.AppendAsync(logName, grainId, expected, events);
        }
        catch (Exception ex)
        {
            append = Task.FromException(ex);
        }

        _ = append.ContinueWith(
            static (task, state) => ((PersistentLog<TEvent>)state!).OnAppended(task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnAppended(Task append)
    {
        Queued[] done;
        Queued[] abandoned = [];
        Exception? failure = null;
        Activity? span;
        EventLogSnapshot? snapshot = null;
        lock (_lock)
        {
            done = _inFlight!;
            _inFlight = null;
            (span, _appendSpan) = (_appendSpan, null);
            if (append.IsCompletedSuccessfully)
            {
                _confirmedVersion += done.Length;
                if (_queue.Count > 0)
                {
                    SubmitNext();
                }

                snapshot = TakeConfirmedSnapshot();
            }
            else
            {
                // Nothing queued after a failed append may be written: each was decided on state the store never got.
                failure = append.Exception?.InnerException ?? new GrainStorageException("The append was cancelled.");
                _broken = failure;
                abandoned = [.. _queue];
                _queue.Clear();
                _version = _confirmedVersion;
                _pendingSnapshot = null;
            }
        }

        GrainCallTracing.EndCall(span, failure);
        if (failure is null)
        {
            foreach (var queued in done)
            {
                queued.Done.TrySetResult();
            }

            if (snapshot is not null)
            {
                _ = WriteSnapshotAsync(snapshot);
            }

            return;
        }

        // Deactivate first, so no reply of these failures reaches a caller before the stale memory is gone.
        onBroken(failure);
        foreach (var queued in done)
        {
            queued.Done.TrySetException(failure);
        }

        var notWritten = NotWritten(failure);
        foreach (var queued in abandoned)
        {
            queued.Done.TrySetException(notWritten);
        }
    }

    /// <summary>A span for the append of a batch, under the first traced turn that queued an event of it; other turns are links.</summary>
    private Activity? StartSpan(Queued[] batch)
    {
        if (!GrainCallTracing.Source.HasListeners() || Array.TrueForAll(batch, static q => q.Turn == default))
        {
            return null;
        }

        var turns = batch.Select(q => q.Turn).Where(t => t != default).Distinct().ToList();
        var links = turns.Count > 1 ? turns.Skip(1).Select(t => new ActivityLink(t)).ToList() : null;
        return GrainCallTracing.StartAppend(logName, grainId, batch.Length, turns[0], links);
    }

    private sealed class Queued(TEvent @event, long version, ActivityContext turn)
    {
        public TEvent Event { get; } = @event;

        public long Version { get; } = version;

        /// <summary>The span of the turn that appended the event, if traced: the append's span hangs under it.</summary>
        public ActivityContext Turn { get; } = turn;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
