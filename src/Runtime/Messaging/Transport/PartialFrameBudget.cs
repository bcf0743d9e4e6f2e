namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// The bytes a silo may hold, over all its connections, for big frames still arriving. Without it, many peers each
/// starting a maximum-size frame and stalling would hold that much memory apiece.
/// </summary>
internal sealed class PartialFrameBudget(long limit)
{
    /// <summary>Frames up to this size arrive into the connection's own read buffer and need no share of the budget.</summary>
    public const int ExemptFrameSize = 64 * 1024;

    private long _held;

    public long Limit => limit;

    /// <summary>The bytes reserved now by frames still arriving.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Reserves room for a frame of <paramref name="bytes"/>; false, reserving nothing, when it would pass the limit.</summary>
    public bool TryReserve(long bytes)
    {
        var held = Interlocked.Read(ref _held);
        while (true)
        {
            if (held + bytes > limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _held, held + bytes, held);
            if (seen == held)
            {
                return true;
            }

            held = seen;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _held, -bytes);
}
