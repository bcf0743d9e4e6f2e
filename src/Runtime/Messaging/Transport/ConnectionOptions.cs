namespace OrleansBank.Runtime;

/// <summary>Limits that protect a silo or client from a misbehaving peer.</summary>
public sealed class ConnectionOptions
{
    /// <summary>The largest frame accepted; a peer that announces more is disconnected. Default: 16 MiB.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// The largest frame a silo accepts from a peer it has not yet welcomed (the hello is far smaller); a stranger
    /// that announces more is disconnected at the header, before its body is read. Default: 4 KiB.
    /// </summary>
    public int MaxHandshakeFrameSize { get; set; } = 4 * 1024;

    /// <summary>
    /// The most bytes a silo holds for frames still arriving, over all its connections together; a frame over 64 KiB
    /// that would take it past this closes its connection. Smaller frames are bounded per connection. Default: 128 MiB.
    /// </summary>
    public long PartialFrameBudget { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// The most connections a silo keeps open on its ports together; one more is told so and closed. Default (null):
    /// derived when the gateway starts, on Linux the open-file limit less the descriptors already open less a
    /// reserve of an eighth of it (at least 128) for the database, HTTP and logs, at most 10,000; elsewhere 1,000.
    /// </summary>
    public int? MaxConnections { get; set; }

    /// <summary>How long a new connection has to say hello. Default: 10 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a frame, once started, has to arrive in full. Default: 10 seconds.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each as a sentence; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxFrameSize < 64)
        {
            yield return $"ConnectionOptions.MaxFrameSize must be at least 64 bytes; got {MaxFrameSize}.";
        }

        if (MaxHandshakeFrameSize < 64 || MaxHandshakeFrameSize > MaxFrameSize)
        {
            yield return $"ConnectionOptions.MaxHandshakeFrameSize must be between 64 bytes and MaxFrameSize ({MaxFrameSize}); got {MaxHandshakeFrameSize}.";
        }

        if (PartialFrameBudget < MaxFrameSize)
        {
            yield return $"ConnectionOptions.PartialFrameBudget must hold at least one frame of MaxFrameSize ({MaxFrameSize} bytes); got {PartialFrameBudget}.";
        }

        if (MaxConnections is < 1)
        {
            yield return $"ConnectionOptions.MaxConnections must be at least 1; got {MaxConnections}.";
        }

        if (HandshakeTimeout <= TimeSpan.Zero || FrameTimeout <= TimeSpan.Zero)
        {
            yield return $"ConnectionOptions.HandshakeTimeout and FrameTimeout must be positive; got {HandshakeTimeout} and {FrameTimeout}.";
        }
    }
}
