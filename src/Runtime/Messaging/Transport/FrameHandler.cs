namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Handles one whole frame payload; runs on the connection's read loop, so it must not block.</summary>
internal delegate void FrameHandler(ReadOnlySpan<byte> payload);
