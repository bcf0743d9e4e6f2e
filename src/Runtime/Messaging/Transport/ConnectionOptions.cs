namespace OrleansBank.Runtime;

/// <summary>Limits that protect a silo or client from a misbehaving peer.</summary>
public sealed class ConnectionOptions
{
    /// <summary>The largest frame accepted; a peer that announces more is disconnected. Default: 16 MiB.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a new connection has to say hello. Default: 10 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a frame, once started, has to arrive in full. Default: 10 seconds.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
