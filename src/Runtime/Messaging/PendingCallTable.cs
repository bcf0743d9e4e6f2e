using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>The calls this process is waiting on, by correlation id; a periodic sweep expires late ones.</summary>
/// <remarks>One shared timer instead of one per call keeps the call path free of timer allocations.</remarks>
internal sealed class PendingCallTable : IDisposable
{
    private readonly ConcurrentDictionary<long, IPendingCall> _calls = new();
    private readonly CoarseClock _clock;
    private readonly ITimer _sweeper;
    private long _nextId;

    public PendingCallTable(TimeProvider time, CoarseClock clock, IOptions<MessagingOptions> options)
    {
        _clock = clock;
        var period = options.Value.TimeoutCheckInterval;
        _sweeper = time.CreateTimer(static s => ((PendingCallTable)s!).ExpireLateCalls(), this, period, period);
    }

    public int Count => _calls.Count;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(IPendingCall call) => _calls[call.Id] = call;

    public bool TryGet(long id, out IPendingCall? call) => _calls.TryGetValue(id, out call);

    public void Remove(long id) => _calls.TryRemove(id, out _);

    /// <summary>True when a call in flight matches <paramref name="match"/>.</summary>
    public bool Any(Func<IPendingCall, bool> match) => _calls.Values.Any(match);

    /// <summary>Fails every pending call that matches, e.g. all calls sent over a connection that dropped.</summary>
    public void FailWhere(Func<IPendingCall, bool> match, Func<IPendingCall, Exception> error)
    {
        foreach (var (id, call) in _calls)
        {
            if (match(call) && _calls.TryRemove(id, out _))
            {
                call.Fail(error(call));
            }
        }
    }

    public void ExpireLateCalls()
    {
        var now = _clock.Refresh();
        foreach (var (id, call) in _calls)
        {
            if (now >= call.DeadlineTimestamp && _calls.TryRemove(id, out _))
            {
                call.Expire();
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
