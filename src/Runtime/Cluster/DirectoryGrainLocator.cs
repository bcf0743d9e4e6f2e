using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// A cluster member's locator: finds each grain's one activation through the grain directory, caching what it learns;
/// a grain with no registration is placed by its class's <see cref="PlacementStrategy"/>, and the silo chosen registers
/// it when it activates. It is also the activations' <see cref="IGrainRegistrar"/>, so its cache follows what this silo
/// registers, loses and unregisters; entries naming a silo the membership calls dead are dropped.
/// </summary>
internal sealed partial class DirectoryGrainLocator : IGrainLocator, IGrainRegistrar, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _cache = new();
    private readonly IGrainDirectoryTable _directory;
    private readonly MembershipService _membership;
    private readonly Func<string, PlacementStrategy> _placementOf;
    private readonly ILogger _logger;
    private readonly SiloAddress _here;
    private readonly TimeSpan _joinTimeout;
    private readonly TimeProvider _time;
    // One reference, so a reader never pairs one snapshot with another's placement.
    private Tuple<MembershipSnapshot, GrainPlacement>? _placement;

    /// <summary>
    /// Subscribes to membership changes; <paramref name="placementOf"/> gives a grain type's placement strategy. A call
    /// that arrives before this silo has joined waits at most <paramref name="joinTimeout"/> (default 30 s, the
    /// response timeout) on <paramref name="time"/>.
    /// </summary>
    public DirectoryGrainLocator(
        IGrainDirectoryTable directory,
        MembershipService membership,
        ILocalSiloDetails localSilo,
        Func<string, PlacementStrategy> placementOf,
        ILogger<DirectoryGrainLocator> logger,
        TimeSpan? joinTimeout = null,
        TimeProvider? time = null)
    {
        _joinTimeout = joinTimeout ?? TimeSpan.FromSeconds(30);
        _time = time ?? TimeProvider.System;
        _directory = directory;
        _membership = membership;
        _placementOf = placementOf;
        _logger = logger;
        _here = localSilo.SiloAddress;
        membership.Changed += OnMembershipChanged;
    }

    /// <summary>How many grains this silo knows the location of.</summary>
    public int CachedCount => _cache.Count;

    // The snapshot names a silo dead before the Changed handlers have run, this cache's clean-up among them: a call in
    // between (a client retrying as soon as the cluster says the silo is gone) must not be sent to the dead silo.
    public ValueTask<SiloAddress> LocateAsync(GrainId grainId) =>
        _cache.TryGetValue(grainId, out var silo) && !_membership.Snapshot.IsDead(silo) ? new(silo) : new(LookUpAsync(grainId));

    public async Task<GrainRegistration?> RegisterAsync(GrainRegistration registration)
    {
        var holder = await _directory.RegisterAsync(registration).ConfigureAwait(false);
        if (holder is not null && holder.Silo == _here && holder.ActivationId != registration.ActivationId)
        {
            // This silo's catalog holds one activation per grain and creates a new one only after the old one left
            // it, so a row naming another activation here is one whose removal failed: clear it and try again.
            Log.StaleOwnRegistration(_logger, registration.GrainId, holder.ActivationId);
            await _directory.UnregisterAsync(holder).ConfigureAwait(false);
            holder = await _directory.RegisterAsync(registration).ConfigureAwait(false);
        }

        if (holder is not null && !_membership.Snapshot.IsDead(holder.Silo))
        {
            _cache[registration.GrainId] = holder.Silo;
        }

        return holder;
    }

    public async Task UnregisterAsync(GrainRegistration registration)
    {
        await _directory.UnregisterAsync(registration).ConfigureAwait(false);
        _cache.TryRemove(new KeyValuePair<GrainId, SiloAddress>(registration.GrainId, _here));
    }

    public void Forget(GrainId grainId, SiloAddress silo) => _cache.TryRemove(new KeyValuePair<GrainId, SiloAddress>(grainId, silo));

    public void Moved(GrainId grainId, SiloAddress from, SiloAddress? to)
    {
        // Only over the entry the hint corrects: a newer answer (a registration here, a lookup) stays.
        if (to is null || _membership.Snapshot.IsDead(to) || !_cache.TryUpdate(grainId, to, from))
        {
            Forget(grainId, from);
        }
    }

    public void ForgetSilo(SiloAddress silo)
    {
        foreach (var (grainId, cached) in _cache)
        {
            if (cached == silo)
            {
                Forget(grainId, silo);
            }
        }
    }

    public void Dispose() => _membership.Changed -= OnMembershipChanged;

    private async Task<SiloAddress> LookUpAsync(GrainId grainId)
    {
        // A call can reach a silo before it has joined (its gateway opens first): until this silo has read a table
        // with its own row active, it knows neither who is dead (a row left by its own previous generation looks
        // alive) nor where to place, so such a call waits for the join.
        if (!HasJoined(_membership.Snapshot))
        {
            await WaitForJoinAsync(grainId).ConfigureAwait(false);
        }

        var registration = await _directory.LookupAsync(grainId).ConfigureAwait(false);
        if (registration is not null && !_membership.Snapshot.IsDead(registration.Silo))
        {
            _cache[grainId] = registration.Silo;
            return registration.Silo;
        }

        // Not cached: the silo chosen registers when it activates, and the next lookup finds that (or a faster rival).
        return Placement().Place(grainId, _placementOf(grainId.Type));
    }

    private async Task WaitForJoinAsync(GrainId grainId)
    {
        using var deadline = new CancellationTokenSource(_joinTimeout, _time);
        try
        {
            await _membership.WaitForAsync(HasJoined, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var status = _membership.Snapshot.Find(_here)?.Status.ToString().ToLowerInvariant() ?? "missing";
            throw new SiloUnavailableException(
                $"Silo {_here} could not locate {grainId}: it waited {_joinTimeout} to read its own membership row active (it is {status}), and until then it knows neither which silos are dead nor where to place grains. Call through another silo, or look at this one's log and GET /cluster.");
        }
    }

    private bool HasJoined(MembershipSnapshot snapshot) => snapshot.Find(_here)?.Status is not (null or SiloStatus.Joining);

    private GrainPlacement Placement()
    {
        var snapshot = _membership.Snapshot;
        if (Volatile.Read(ref _placement) is { } current && ReferenceEquals(current.Item1, snapshot))
        {
            return current.Item2;
        }

        var placement = new GrainPlacement(snapshot.ActiveSilos, _here);
        Volatile.Write(ref _placement, Tuple.Create(snapshot, placement));
        return placement;
    }

    private void OnMembershipChanged(MembershipUpdate update)
    {
        if (update.BecameDead.Count == 0)
        {
            return;
        }

        foreach (var (grainId, silo) in _cache)
        {
            if (update.Snapshot.IsDead(silo))
            {
                _cache.TryRemove(new KeyValuePair<GrainId, SiloAddress>(grainId, silo));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1801, LogLevel.Warning, "The directory held an older activation {ActivationId} of {GrainId} on this silo, which is gone: replacing it")]
        public static partial void StaleOwnRegistration(ILogger logger, GrainId grainId, string activationId);
    }
}
