namespace OrleansBank.Runtime;

/// <summary>A call's reply was too big for one frame, so the silo sent this instead; the connection stays up.</summary>
public sealed class ResponseTooLargeException(string message) : InvalidOperationException(message);
