namespace OrleansBank.Runtime;

/// <summary>A request for a grain type or method this silo does not host: answered with this error, then the connection is closed.</summary>
public sealed class UnknownGrainTargetException(string message) : ProtocolException(message);
