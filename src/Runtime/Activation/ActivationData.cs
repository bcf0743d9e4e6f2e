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

    private static long _nextRequestToken;

    private readonly object _lock = new();
    private readonly Queue<Message> _waiting = new();
    private readonly List<RunningRequest> _running = [];
    private readonly List<IActivationStateLoader> _states = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Catalog _catalog;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private ActivationState _state = ActivationState.Creating;
    private int _runningWriters;
    private bool _deactivateOnIdle;
    private DeactivationReason _deactivationReason;
    private DeactivationReason? _deactivateOnceActive;
    private TaskCompletionSource? _drained;
    private IGrainBase? _grain;

    public ActivationData(GrainId grainId, GrainClass grainClass, Catalog catalog, IServiceProvider services, IGrainFactory grainFactory, TimeProvider time, ILogger logger)
    {
        GrainId = grainId;
        Class = grainClass;
        Services = services;
        GrainFactory = grainFactory;
        Scheduler = new ActivationTaskScheduler(grainId.ToString());
        _catalog = catalog;
        _time = time;
        _logger = logger;
        LastActiveTimestamp = time.GetTimestamp();
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
                return _waiting.Count;
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
    public void Activate() => StartOnScheduler(static s => ((ActivationData)s!).ActivateAsync(), this);

    /// <summary>Accepts a message to run now or later; false when this activation is gone and the caller must look again.</summary>
    public bool TryEnqueue(Message message)
    {
        RunningRequest? start = null;
        DeadlockException? deadlock = null;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            var waitsOnUs = message.Chain is not null && ChainWaitsOnRunningRequest(message.Chain);
            var open = _state == ActivationState.Valid || (_state == ActivationState.Deactivating && waitsOnUs);
            if (open && CanStartNow(message))
            {
                start = Track(message);
            }
            else if (waitsOnUs)
            {
                deadlock = new DeadlockException(message.Chain!.Describe(GrainId, message.Method.Name));
            }
            else
            {
                _waiting.Enqueue(message);
            }
        }

        if (deadlock is not null)
        {
            Log.Deadlock(_logger, deadlock.Message);
            message.ReplyTo.Fail(deadlock);
        }
        else if (start is not null)
        {
            StartRequest(start);
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

    private static void StartOnScheduler(Func<object?, Task> work, object state, TaskScheduler scheduler) =>
        _ = Task.Factory.StartNew(work, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);

    private void StartOnScheduler(Func<object?, Task> work, object state) => StartOnScheduler(work, state, Scheduler);

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
                failed = [.. _waiting];
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

        List<RunningRequest> startable = [];
        var deactivate = false;
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
                startable = TakeStartable();
            }
        }

        Log.Activated(_logger, GrainId, Class.Type.Name);
        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }

        StartAll(startable);
    }

    private void StartRequest(RunningRequest request) =>
        StartOnScheduler(static s => ((RunningRequest)s!).Activation.RunRequestAsync((RunningRequest)s!), request);

    private void StartAll(List<RunningRequest> requests)
    {
        foreach (var r in requests)
        {
            StartRequest(r);
        }
    }

    private async Task RunRequestAsync(RunningRequest request)
    {
        var message = request.Message;
        CallChain.Current = new CallChain(GrainId, message.Method.Name, request.Token, message.Chain);
        object? result = null;
        Exception? error = null;
        try
        {
            if (_time.GetTimestamp() >= message.DeadlineTimestamp)
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
        OnRequestCompleted(request);
        if (error is null)
        {
            message.ReplyTo.Complete(result);
        }
        else
        {
            message.ReplyTo.Fail(error);
        }
    }

    private void OnRequestCompleted(RunningRequest request)
    {
        List<RunningRequest>? startable = null;
        var deactivate = false;
        lock (_lock)
        {
            _running.Remove(request);
            _runningWriters -= request.Message.Method.IsReadOnly ? 0 : 1;
            LastActiveTimestamp = _time.GetTimestamp();
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
                startable = TakeStartable();
            }
        }

        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }
        else if (startable is not null)
        {
            StartAll(startable);
        }
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
        try
        {
            var reason = _deactivationReason;
            await Task.Factory.StartNew(
                () => _grain!.OnDeactivateAsync(reason, CancellationToken.None),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                Scheduler).Unwrap();
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(_logger, ex, GrainId);
        }

        List<Message> leftovers;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            leftovers = [.. _waiting];
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

    private List<RunningRequest> TakeStartable()
    {
        var startable = new List<RunningRequest>();
        while (_waiting.TryPeek(out var next) && CanStartNow(next))
        {
            startable.Add(Track(_waiting.Dequeue()));
        }

        return startable;
    }

    private RunningRequest Track(Message message)
    {
        var request = new RunningRequest(this, message, Interlocked.Increment(ref _nextRequestToken));
        _running.Add(request);
        _runningWriters += message.Method.IsReadOnly ? 0 : 1;
        LastActiveTimestamp = _time.GetTimestamp();
        return request;
    }

    private bool ChainWaitsOnRunningRequest(CallChain chain)
    {
        for (var link = chain; link is not null; link = link.Caller)
        {
            if (link.Grain == GrainId && _running.Exists(r => r.Token == link.MessageId))
            {
                return true;
            }
        }

        return false;
    }

    private bool CanStartNow(Message message) =>
        InterleavingRules.CanStart(Class.IsReentrant, message.Method, _running.Count, _runningWriters);

    private sealed record RunningRequest(ActivationData Activation, Message Message, long Token);
}
