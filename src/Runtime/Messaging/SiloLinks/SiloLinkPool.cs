using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>This silo's outbound links, one per remote silo incarnation, created on first use.</summary>
internal sealed class SiloLinkPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, SiloLink> _links = new();
    private readonly SiloLinkSettings _settings;
    private readonly ILogger<SiloLinkPool> _logger;
    private readonly ITimer _sweeper;

    public SiloLinkPool(
        IConnectionTransport transport,
        ILocalSiloDetails localSilo,
        IOptions<ClusterOptions> cluster,
        IOptions<ConnectionOptions> connection,
        IOptions<MessagingOptions> messaging,
        CoarseClock clock,
        TimeProvider time,
        ILogger<SiloLinkPool> logger)
    {
        var options = cluster.Value;
        _settings = new SiloLinkSettings(
            localSilo.SiloAddress, options.ClusterId, options.HasSecret ? options.ClusterSecret : null, transport, connection.Value, clock);
        _logger = logger;
        var period = messaging.Value.TimeoutCheckInterval;
        _sweeper = time.CreateTimer(static s => ((SiloLinkPool)s!).ExpireLateCalls(), this, period, period);
    }

    /// <summary>Sends a request to the silo its target lives on; its outcome arrives through <see cref="Message.ReplyTo"/>.</summary>
    public void Send(SiloAddress silo, Message message) => Get(silo).Send(message);

    /// <summary>The link to <paramref name="silo"/>, created (not yet connected) if there is none.</summary>
    public SiloLink Get(SiloAddress silo) => _links.GetOrAdd(silo, static (s, pool) => new SiloLink(s, pool._settings, pool._logger, pool.OnUnreachable, pool.Steering), this);

    /// <summary>What the router does with the peers' "moved" hints and "not run" refusals. Set by the silo's router.</summary>
    public SiloLinkSteering Steering { get; } = new();

    /// <summary>
    /// Given a request whose target silo could not be reached (so it was never sent), takes it and returns true, or
    /// returns false to let it fail. Set by the silo's router.
    /// </summary>
    public Func<SiloAddress, Message, Exception, bool>? Unreachable { get; set; }

    /// <summary>Closes the link to <paramref name="silo"/>, failing its calls in flight, and forgets it.</summary>
    public Task DropAsync(SiloAddress silo, string reason) =>
        _links.TryRemove(silo, out var link) ? link.CloseAsync(reason) : Task.CompletedTask;

    /// <summary>The silos this silo holds a link to (connected or not).</summary>
    public IReadOnlyCollection<SiloAddress> Linked => [.. _links.Keys];

    private bool OnUnreachable(SiloAddress silo, Message message, Exception error) => Unreachable?.Invoke(silo, message, error) == true;

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        foreach (var link in _links.Values)
        {
            await link.CloseAsync("the silo is stopping");
        }
    }

    private void ExpireLateCalls()
    {
        var now = _settings.Clock.Refresh();
        foreach (var link in _links.Values)
        {
            link.ExpireLateCalls(now);
        }
    }
}
