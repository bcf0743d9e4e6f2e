using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>The calls this process is waiting on, by correlation id; a periodic sweep expires late ones.</summary>
/// <remarks>
/// One shared timer instead of one per call keeps the call path free of timer allocations. A call lives in the slot
/// its id picks, claimed and freed by compare-and-swap: no lock and no node per call. Each thread takes its ids in
/// blocks of consecutive ones, so a slot is wanted again only about <see cref="SlotCount"/> calls later; a call that
/// finds its slot still held by an older call that is still waiting goes to an overflow dictionary instead.
/// </remarks>
internal sealed class PendingCallTable : IDisposable
{
    /// <summary>Slots in the table: a power of two, far above the calls a process has in flight at once.</summary>
    public const int SlotCount = 4096;

    private const long SlotMask = SlotCount - 1;

    private readonly IPendingCall?[] _slots = new IPendingCall?[SlotCount];
    private readonly ConcurrentDictionary<long, IPendingCall> _overflow = new();
    private readonly CoarseClock _clock;
    private readonly ITimer _sweeper;
    private long _nextId;

    // Read on the call path instead of the dictionary's IsEmpty, which takes every lock of the dictionary when empty.
    private int _overflowCount;

    public PendingCallTable(TimeProvider time, CoarseClock clock, IOptions<MessagingOptions> options)
    {
        _clock = clock;
        var period = options.Value.TimeoutCheckInterval;
        _sweeper = time.CreateTimer(static s => ((PendingCallTable)s!).ExpireLateCalls(), this, period, period);
    }

    public int Count => Snapshot().Count;

    // Ids are handed to each thread in blocks, so callers on different cores neither share the counter nor
    // neighbouring slots. Per table: a thread that calls through another table (another silo in the process) takes
    // a fresh block there.
    private const int IdBlock = 64;

    private static int s_tables;

    [ThreadStatic]
    private static IdRange t_ids;

    private readonly int _table = Interlocked.Increment(ref s_tables);

    public long NextId()
    {
        ref var ids = ref t_ids;
        if (ids.Table != _table || ids.Next == ids.End)
        {
            var end = Interlocked.Add(ref _nextId, IdBlock);
            ids = new IdRange(_table, end - IdBlock + 1, end + 1);
        }

        return ids.Next++;
    }

    public void Add(IPendingCall call)
    {
        if (Interlocked.CompareExchange(ref _slots[call.Id & SlotMask], call, null) is null)
        {
            return;
        }

        // Counted before it is added, so a remover or reader that comes after the add looks in the overflow too.
        Interlocked.Increment(ref _overflowCount);
        _overflow[call.Id] = call;
    }

    public bool TryGet(long id, out IPendingCall? call)
    {
        var held = Volatile.Read(ref _slots[id & SlotMask]);
        if (held is not null && held.Id == id)
        {
            call = held;
            return true;
        }

        call = null;
        return Volatile.Read(ref _overflowCount) != 0 && _overflow.TryGetValue(id, out call);
    }

    public void Remove(long id)
    {
        ref var slot = ref _slots[id & SlotMask];
        var held = Volatile.Read(ref slot);
        if (held is not null && held.Id == id)
        {
            Interlocked.CompareExchange(ref slot, null, held);
        }
        else if (Volatile.Read(ref _overflowCount) != 0 && _overflow.TryRemove(id, out _))
        {
            Interlocked.Decrement(ref _overflowCount);
        }
    }

    /// <summary>True when a call in flight matches <paramref name="match"/>.</summary>
    public bool Any(Func<IPendingCall, bool> match) => Snapshot().Any(match);

    /// <summary>Fails every pending call that matches, e.g. all calls sent over a connection that dropped.</summary>
    public void FailWhere(Func<IPendingCall, bool> match, Func<IPendingCall, Exception> error)
    {
        foreach (var call in Snapshot())
        {
            if (match(call) && TryTake(call))
            {
                call.Fail(error(call));
            }
        }
    }

    public void ExpireLateCalls()
    {
        var now = _clock.Refresh();
        foreach (var call in Snapshot())
        {
            if (now >= call.DeadlineTimestamp && TryTake(call))
            {
                call.Expire();
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>Removes this very call; false when its completion or another sweep removed it first.</summary>
    private bool TryTake(IPendingCall call)
    {
        ref var slot = ref _slots[call.Id & SlotMask];
        if (ReferenceEquals(Volatile.Read(ref slot), call))
        {
            return ReferenceEquals(Interlocked.CompareExchange(ref slot, null, call), call);
        }

        if (!_overflow.TryRemove(new KeyValuePair<long, IPendingCall>(call.Id, call)))
        {
            return false;
        }

        Interlocked.Decrement(ref _overflowCount);
        return true;
    }

    /// <summary>The calls pending now: the sweep and the rare look-ups over all calls pay for the scan, not the call path.</summary>
    private List<IPendingCall> Snapshot()
    {
        var calls = new List<IPendingCall>();
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Volatile.Read(ref _slots[i]) is { } call)
            {
                calls.Add(call);
            }
        }

        if (Volatile.Read(ref _overflowCount) != 0)
        {
            calls.AddRange(_overflow.Values);
        }

        return calls;
    }

    private record struct IdRange(int Table, long Next, long End);
}
