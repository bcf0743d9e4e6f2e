using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Activation;

/// <summary>The activations of one silo, by grain id: creates one on first call and forgets it once deactivated.</summary>
internal sealed class Catalog(
    GrainTypeRegistry registry,
    IServiceProvider services,
    ILocalSiloDetails localSilo,
    CoarseClock clock,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    ActivationCollector collector,
    IGrainRegistrar? registrar = null,
    GrainCallMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger("OrleansBank.Runtime.Activation");
    private static readonly DeactivationReason ShuttingDown = new(DeactivationReasonCode.ShuttingDown, "the silo is shutting down");

    private readonly SiloAddress _silo = localSilo.SiloAddress;
    private long _lastRunToken;
    private volatile bool _stopping;
    private volatile bool _halted;

    // Looked up at the first activation, not injected: the factory's invoker sends through the message center, which
    // delivers to this catalog, so taking the factory at construction would make a cycle.
    private IGrainFactory? _grainFactory;
    private IRequestForwarder? _forwarder;

    /// <summary>The silo this catalog belongs to.</summary>
    public SiloAddress Silo => _silo;

    public int Count => _activations.Count;

    /// <summary>The grain directory activations register in before running grain code; null on a silo alone.</summary>
    public IGrainRegistrar? Registrar => registrar;

    /// <summary>The grain call instruments; a silo built without them records nothing.</summary>
    public GrainCallMetrics? Metrics => metrics;

    /// <summary>Files each activation by its idle deadline and deactivates it once that passes.</summary>
    public ActivationCollector Collector => collector;

    /// <summary>The silo's clock, which grain timers read.</summary>
    public TimeProvider Time => time;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    /// <summary>A fresh token for a request starting on this silo: names this silo, so it is unique across processes.</summary>
    public RunToken NextRunToken() => new(_silo, Interlocked.Increment(ref _lastRunToken));

    public bool TryGet(GrainId grainId, out ActivationData? activation) => _activations.TryGetValue(grainId, out activation);

    /// <summary>Hands a request to its target's activation, creating the activation if there is none.</summary>
    public void Deliver(Message message) => DeliverHere(message);

    /// <summary>
    /// Hands a request to the activation a grain reference remembers; false when that activation has retired, or this
    /// silo is stopping or was killed, and the request must go the long way: located, then delivered.
    /// </summary>
    public bool TryDeliverTo(ActivationHandle handle, Message message) =>
        !_halted && !_stopping && handle.Activation is { } activation && activation.TryEnqueue(message);

    /// <summary>As <see cref="Deliver"/>; returns the activation that took the request, if one did.</summary>
    public ActivationData? DeliverHere(Message message)
    {
        if (_halted)
        {
            message.ReplyTo.Fail(new SiloUnavailableException($"Silo {_silo} was killed: {message} was not run."));
            return null;
        }

        while (true)
        {
            if (_activations.TryGetValue(message.Target, out var existing))
            {
                if (existing.TryEnqueue(message))
                {
                    return existing;
                }

                // Gone but not yet removed: remove it ourselves so the next pass creates a fresh one.
                _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(message.Target, existing));
                continue;
            }

            if (_stopping)
            {
                // A caller's stale cache, or a request queued on an activation that has since left: it did not run here,
                // so it goes where the grain lives now rather than failing (a silo without links refuses it unrun).
                if ((_forwarder ??= services.GetService<IRequestForwarder>()) is { } forwarder)
                {
                    forwarder.Relocate(message);
                }
                else
                {
                    message.ReplyTo.Refuse(SiloShuttingDownException.Refusing(_silo, message.Method.ToString(), message.Target));
                }

                return null;
            }

            if (!registry.TryGetByGrainType(message.Target.Type, out var grainClass))
            {
                message.ReplyTo.Fail(new ArgumentException($"Unknown grain type '{message.Target.Type}' in call to {message}."));
                return null;
            }

            var created = new ActivationData(message.Target, grainClass!, this, services, GrainFactory, clock, _logger);
            if (_activations.TryAdd(message.Target, created))
            {
                created.TryEnqueue(message);
                created.Activate();
                return created;
            }
        }
    }

    private IGrainFactory GrainFactory => _grainFactory ??= services.GetRequiredService<IGrainFactory>();

    /// <summary>Sends a request on to <paramref name="silo"/>, where its grain's registered activation lives.</summary>
    public void Forward(Message message, SiloAddress silo)
    {
        // Looked up late for the same reason as the grain factory: the forwarder is the message center.
        if ((_forwarder ??= services.GetService<IRequestForwarder>()) is { } forwarder)
        {
            forwarder.Forward(message, silo);
        }
        else
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"{message.Target} is registered on silo {silo}, and this silo {_silo} cannot forward {message.Method.Name} there: it has no silo links."));
        }
    }

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    /// <summary>
    /// Stops creating activations and begins deactivating every one: running turns finish, while queued requests are
    /// refused with <see cref="SiloShuttingDownException"/> instead of run, so shutdown never waits for a backlog.
    /// </summary>
    public void BeginStopping()
    {
        _stopping = true;
        foreach (var activation in _activations.Values)
        {
            activation.TryDeactivate(ShuttingDown);
        }
    }

    /// <summary>
    /// For a simulated crash: stops every grain timer and fails every request delivered from now on, deactivating
    /// nothing. Turns already running carry on to their end; calls they make fail.
    /// </summary>
    public void Halt()
    {
        _halted = true;
        _stopping = true;
        collector.Dispose(); // a crashed silo collects nothing either: its idle grains stay registered until it is declared dead
        foreach (var activation in _activations.Values)
        {
            activation.HaltTimers();
        }
    }

    /// <summary>Stops creating activations, lets running turns finish, and deactivates everything.</summary>
    public async Task DeactivateAllAsync()
    {
        BeginStopping();

        // One created by a call that passed the stopping check just before it was set joins late: go round again.
        while (_activations.Values.ToArray() is { Length: > 0 } all)
        {
            foreach (var activation in all)
            {
                activation.TryDeactivate(ShuttingDown);
            }

            await Task.WhenAll(all.Select(a => a.Deactivated));
        }
    }
}
