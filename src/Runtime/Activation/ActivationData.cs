using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Activation;

/// <summary>
/// One live instance of a grain: its request queue, its turn scheduler and its lifecycle.
/// Callers never take its lock: they push onto a lock-free inbox, and the pump admits from it on <see cref="Scheduler"/>.
/// The lock guards the admitted queues against lifecycle changes (deactivation, collection) made from other threads.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private const int MaxRequestsPerPump = 128;

    private readonly Lock _lock = new();

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
    private volatile ActivationState _state = ActivationState.Creating;

    // 1 while the pump is scheduled or running; taken by compare-and-swap, so callers need no lock to wake it.
    private int _pumpClaimed;

    // The pump's own fields, written on every request, in an object of their own: next to the inbox and the state that
    // callers on other cores read to push, they cost 30-40% of the 64-caller throughput (docs/BENCHMARKS.md, issue 11).
    private readonly TurnState _turns = new();
    private bool _deactivateOnIdle;
    private DeactivationReason _deactivationReason;
    private DeactivationReason? _deactivateOnceActive;
    private TaskCompletionSource? _drained;
    private IGrainBase? _grain;
    private GrainRegistration? _registration;

    public ActivationData(GrainId grainId, GrainClass grainClass, Catalog catalog, IServiceProvider services, IGrainFactory grainFactory, CoarseClock clock, ILogger logger)
    {
        GrainId = grainId;
        Class = grainClass;
        Services = services;
        GrainFactory = grainFactory;
        Scheduler = new ActivationTaskScheduler(grainId.ToString());
        Scheduler.SetPump(static s => ((ActivationData)s!).Pump(), this);
        Handle = new ActivationHandle(this);
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

    public GrainId GrainId { get; }

    public GrainClass Class { get; }

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory { get; }

    public ActivationTaskScheduler Scheduler { get; }

    /// <summary>What a grain reference keeps to call this activation directly; cleared when it retires.</summary>
    public ActivationHandle Handle { get; }

    public long LastActiveTimestamp { get; private set; }

    /// <summary>Completes when the activation is gone and its leftover messages have been handed back.</summary>
    public Task Deactivated => _deactivated.Task;

    public int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count + _bypass.Count + InboxCount();
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

    /// <summary>What the completion of the pump's inline request found for the pump to do next.</summary>
    private readonly record struct PumpHandoff(bool Ready, Message? Next, bool More);

    /// <summary>
    /// Touched only on this activation's scheduler, by the pump and the completion of the request it runs (and under
    /// the lock, for the count of running writers).
    /// </summary>
    private sealed class TurnState
    {
        public int Budget;
        public int RunningWriters;
        public Message? InlineRequest;
        public PumpHandoff Handoff;
    }

    void IGrainContext.Deactivate(DeactivationReason reason) => TryDeactivate(reason);

    public override string ToString() => $"Activation({GrainId})";
}
