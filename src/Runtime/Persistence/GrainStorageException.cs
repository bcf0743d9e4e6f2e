namespace OrleansBank.Runtime;

/// <summary>A storage provider could not read or write: the store is down, full, damaged or unreachable. Nothing was written.</summary>
public sealed class GrainStorageException(string message, Exception? innerException = null) : Exception(message, innerException);
