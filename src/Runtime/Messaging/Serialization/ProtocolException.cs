namespace OrleansBank.Runtime;

/// <summary>Bytes from a peer that do not follow the wire protocol: the connection that sent them is closed.</summary>
public class ProtocolException(string message) : Exception(message);

/// <summary>A request for a grain type or method this silo does not host: answered with this error, then the connection is closed.</summary>
public sealed class UnknownGrainTargetException(string message) : ProtocolException(message);
