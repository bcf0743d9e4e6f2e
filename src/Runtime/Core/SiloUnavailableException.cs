namespace OrleansBank.Runtime;

/// <summary>No silo could be reached, or the connection to it was lost while a call was in flight.</summary>
public class SiloUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
