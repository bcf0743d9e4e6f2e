namespace OrleansBank.Runtime;

/// <summary>Bytes from a peer that do not follow the wire protocol: the connection that sent them is closed.</summary>
public class ProtocolException(string message) : Exception(message);
