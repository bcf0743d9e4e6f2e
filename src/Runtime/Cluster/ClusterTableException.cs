namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// A membership or directory store could not be reached or used; the message names the store and the cause. The
/// write may or may not have happened: read the table again before acting on it.
/// </summary>
public sealed class ClusterTableException(string message, Exception? innerException = null) : Exception(message, innerException);
