using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// One live instance of a grain: its request queue, its turn scheduler and its lifecycle.
/// Runtime bookkeeping here takes a short lock; grain code never does, since it runs only on <see cref="Scheduler"/>.
/// </summary>
internal sealed partial class ActivationData
{
    [ThreadStatic]
    private static ActivationData? _constructing;

    private const int MaxRequestsPerPump = 128;

    private static long _nextRequestToken;

    private readonly object _lock = new();
    private readonly Queue<Message> _waiting = new();

    // Admitted past the FIFO: [AlwaysInterleave] calls and calls from a chain this activation is waiting on.
    private readonly Queue<Message> _bypass = new();
    private readonly List<Message> _running = [];
    private readonly List<IActivationStateLoader> _states = [];
    private readonly List<IDurableState> _durableStates = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Catalog _catalog;
    private readonly ILogger _logger;
    private readonly CoarseClock _clock;
    private ActivationState _state = ActivationState.Creating;
    private int _runningWriters;
    private bool _pumping;
    private bool _deactivateOnIdle;
    private DeactivationReason _deactivationReason;
    private DeactivationReason? _deactivateOnceActive;
    private TaskCompletionSource? _drained;
    private IGrainBase? _grain;

    public ActivationData(GrainId grainId, GrainClass grainClass, Catalog catalog, IServiceProvider services, IGrainFactory grainFactory, CoarseClock clock, ILogger logger)
    {
        GrainId = grainId;
        Class = grainClass;
        Services = services;
        GrainFactory = grainFactory;
        Scheduler = new ActivationTaskScheduler(grainId.ToString());
        _catalog = catalog;
        _clock = clock;
        _logger = logger;
        LastActiveTimestamp = clock.Now;
    }

    private enum ActivationState
    {
        Creating,
        Valid,
        Deactivating,
        Invalid,
    }

    /// <summary>Set while the runtime runs a grain constructor, so <see cref="Grain"/> can find its activation.</summary>
    public static ActivationData? Constructing => _constructing;

    public GrainId GrainId { get; }

    public GrainClass Class { get; }

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory { get; }

    public ActivationTaskScheduler Scheduler { get; }

    public long LastActiveTimestamp { get; private set; }

    /// <summary>Completes when the activation is gone and its leftover messages have been handed back.</summary>
    public Task Deactivated => _deactivated.Task;

    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count + _bypass.Count;
            }
        }
    }

    public int RunningCount
    {
        get
        {
            lock (_lock)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Starts construction, state loading and OnActivateAsync on this activation's scheduler.</summary>
    public void Activate() => _ = Scheduler.RunWithoutFlow(ActivateAsync);

    /// <summary>Accepts a message to run now or later; false when this activation is gone and the caller must look again.</summary>
    public bool TryEnqueue(Message message)
    {
        var schedulePump = false;
        DeadlockException? deadlock = null;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            var waitsOnUs = message.Chain is not null && ChainWaitsOnRunningRequest(message.Chain);
            var mayRunBesideOthers = InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _runningWriters);
            if (_state == ActivationState.Creating)
            {
                _waiting.Enqueue(message);
            }
            else if (waitsOnUs && !mayRunBesideOthers)
            {
                deadlock = new DeadlockException(message.Chain!.Describe(GrainId, message.Method.Name));
            }
            else if ((waitsOnUs || message.Method.IsAlwaysInterleave) && mayRunBesideOthers)
            {
                _bypass.Enqueue(message);
                schedulePump = ClaimPump();
            }
            else
            {
                _waiting.Enqueue(message);
                schedulePump = _state == ActivationState.Valid && ClaimPump();
            }
        }

        if (deadlock is not null)
        {
            Log.Deadlock(_logger, deadlock.Message);
            message.ReplyTo.Fail(deadlock);
        }
        else if (schedulePump)
        {
            SchedulePump();
        }

        return true;
    }

    public void RequestDeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateOnIdle = true;
        }
    }

    /// <summary>Begins deactivation: running requests finish, then OnDeactivateAsync, then queued messages go to a new activation.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="idleSince">When given, deactivate only if nothing ran or waited since this timestamp.</param>
    public bool TryDeactivate(DeactivationReason reason, long? idleSince = null)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Creating && idleSince is null)
            {
                // Still activating: deactivate as soon as that is done, before any queued request starts.
                _deactivateOnceActive = reason;
                return true;
            }

            if (_state != ActivationState.Valid)
            {
                return false;
            }

            if (idleSince is { } since && (_running.Count > 0 || _waiting.Count > 0 || LastActiveTimestamp > since))
            {
                return false;
            }

            BeginDeactivation(reason);
        }

        _ = FinishDeactivationAsync();
        return true;
    }

    public override string ToString() => $"Activation({GrainId})";

    private async Task ActivateAsync()
    {
        try
        {
            _constructing = this;
            try
            {
                _grain = (IGrainBase)Class.Create(Services, GrainId, _states);
            }
            finally
            {
                _constructing = null;
            }

            foreach (var state in _states)
            {
                await state.LoadAsync(CancellationToken.None);
                if (state is IDurableState durable)
                {
                    _durableStates.Add(durable);
                }
            }

            await _grain.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.ActivationFailed(_logger, ex, GrainId);
            List<Message> failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _bypass, .. _waiting];
                _bypass.Clear();
                _waiting.Clear();
            }

            _catalog.Remove(this);
            _deactivated.TrySetResult();
            foreach (var message in failed)
            {
                message.ReplyTo.Fail(ex);
            }

            return;
        }

        var deactivate = false;
        var pump = false;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            if (_deactivateOnceActive is { } reason)
            {
                BeginDeactivation(reason);
                deactivate = true;
            }
            else
            {
                pump = ClaimPump();
            }
        }

        Log.Activated(_logger, GrainId, Class.Type.Name);
        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }
        else if (pump)
        {
            Pump();
        }
    }

    /// <summary>Marks the pump as running if there is work it may start; call under the lock.</summary>
    private bool ClaimPump()
    {
        if (_pumping || !HasStartable())
        {
            return false;
        }

        _pumping = true;
        return true;
    }

    private bool HasStartable() =>
        _bypass.Count > 0 || (_state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartNow(next));

    /// <summary>Schedules the pump on this activation's scheduler, without the waker's execution context.</summary>
    private void SchedulePump() =>
        Scheduler.StartWithoutFlow(new Task(static s => ((ActivationData)s!).Pump(), this, TaskCreationOptions.DenyChildAttach));

    /// <summary>
    /// Runs startable requests one after another on this activation's scheduler, each until it completes or awaits.
    /// One work item serves many requests, so a busy grain does not pay a task and a queue trip per request.
    /// </summary>
    private void Pump()
    {
        for (var started = 0; ; started++)
        {
            Message? next;
            lock (_lock)
            {
                next = started < MaxRequestsPerPump ? TakeOneStartable() : null;
                if (next is null)
                {
                    var more = started >= MaxRequestsPerPump && HasStartable();
                    _pumping = more;
                    if (!more)
                    {
                        return;
                    }
                }
            }

            if (next is null)
            {
                // Budget spent with work left: requeue behind other work so one hot grain cannot hold a thread.
                SchedulePump();
                return;
            }

            _ = RunRequestAsync(next);
        }
    }

    private async Task RunRequestAsync(Message message)
    {
        CallChain.CurrentRequest = message;
        object? result = null;
        Exception? error = null;
        try
        {
            if (_clock.Now >= message.DeadlineTimestamp)
            {
                // The caller has already been told it timed out; running it now would act on a request nobody awaits.
                Log.ExpiredRequestDropped(_logger, message.ToString());
                error = new TimeoutException($"{message} expired before it could run.");
            }
            else
            {
                var task = message.Method.Invoke(_grain!, message.Arguments);
                await task;
                result = message.Method.GetResult(task);
            }
        }
        catch (Exception ex)
        {
            error = ex;
        }

        // Bookkeeping before the reply: a caller holding the answer can rely on the turn being over.
        var pump = OnRequestCompleted(message);
        var pendingWrites = PendingWrites();
        if (pendingWrites is null)
        {
            Reply(message, result, error);
            if (pump)
            {
                Pump();
            }

            return;
        }

        // The turn is over and the next request may start, but this reply waits until what it saw is durable.
        if (pump)
        {
            Pump();
        }

        try
        {
            await pendingWrites.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error ??= ex;
        }

        Reply(message, result, error);
    }

    private static void Reply(Message message, object? result, Exception? error)
    {
        if (error is null)
        {
            message.ReplyTo.Complete(result);
        }
        else
        {
            message.ReplyTo.Fail(error);
        }
    }

    /// <summary>What must be durable before a reply leaves: every write of this activation so far.</summary>
    private Task? PendingWrites()
    {
        Task? single = null;
        List<Task>? several = null;
        foreach (var state in _durableStates)
        {
            if (state.PendingWrites is { } pending)
            {
                if (single is null)
                {
                    single = pending;
                }
                else
                {
                    (several ??= [single]).Add(pending);
                }
            }
        }

        return several is null ? single : Task.WhenAll(several);
    }

    /// <summary>Removes a finished request; true when the caller, on this activation's scheduler, should run the pump.</summary>
    private bool OnRequestCompleted(Message message)
    {
        var deactivate = false;
        var pump = false;
        lock (_lock)
        {
            _running.Remove(message);
            _runningWriters -= message.Method.IsReadOnly ? 0 : 1;
            LastActiveTimestamp = _clock.Now;
            if (_state == ActivationState.Deactivating)
            {
                if (_running.Count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
            else if (_deactivateOnIdle && _running.Count == 0)
            {
                BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));
                deactivate = true;
            }
            else
            {
                pump = ClaimPump();
            }
        }

        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }

        return pump;
    }

    private void BeginDeactivation(DeactivationReason reason)
    {
        _state = ActivationState.Deactivating;
        _deactivationReason = reason;
        _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_running.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    private async Task FinishDeactivationAsync()
    {
        await _drained!.Task;
        // A new activation must not read the store while this one's writes are still landing.
        foreach (var state in _durableStates)
        {
            await state.SettleAsync();
        }

        try
        {
            var reason = _deactivationReason;
            await Scheduler.RunWithoutFlow(() => _grain!.OnDeactivateAsync(reason, CancellationToken.None));
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(_logger, ex, GrainId);
        }

        List<Message> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            leftovers = [.. _bypass, .. _waiting];
            _bypass.Clear();
            _waiting.Clear();
        }

        _catalog.Remove(this);
        Log.Deactivated(_logger, GrainId, _deactivationReason.Description);
        _deactivated.TrySetResult();
        foreach (var message in leftovers)
        {
            _catalog.Deliver(message);
        }
    }

    private Message? TakeOneStartable()
    {
        if (_bypass.TryDequeue(out var admitted))
        {
            return Track(admitted);
        }

        return _state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartNow(next)
            ? Track(_waiting.Dequeue())
            : null;
    }

    private Message Track(Message message)
    {
        message.RunToken = Interlocked.Increment(ref _nextRequestToken);
        _running.Add(message);
        _runningWriters += message.Method.IsReadOnly ? 0 : 1;
        return message;
    }

    private bool ChainWaitsOnRunningRequest(CallChain chain)
    {
        for (var link = chain; link is not null; link = link.Caller)
        {
            if (link.Grain == GrainId && _running.Exists(r => r.RunToken == link.MessageId))
            {
                return true;
            }
        }

        return false;
    }

    private bool CanStartNow(Message message) =>
        InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _runningWriters);
}
