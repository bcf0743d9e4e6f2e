namespace OrleansBank.Runtime;

/// <summary>A call would wait on an activation that is itself waiting, through the call chain, on this call.</summary>
public sealed class DeadlockException : Exception
{
    /// <summary>Creates the exception for a call chain, formatted caller first.</summary>
    public DeadlockException(IReadOnlyList<string> callChain)
        : base($"Deadlock: the call chain {string.Join(" -> ", callChain)} returns to a non-reentrant activation that is still waiting on it.")
    {
        CallChain = callChain;
    }

    /// <summary>Creates the exception for a call chain, naming the silo whose activation found the cycle.</summary>
    public DeadlockException(IReadOnlyList<string> callChain, SiloAddress detectedOn)
        : base($"Deadlock: the call chain {string.Join(" -> ", callChain)} returns to a non-reentrant activation that is still waiting on it (found on silo {detectedOn}).")
    {
        CallChain = callChain;
    }

    /// <summary>The grains and methods of the chain, caller first, the re-entered call last.</summary>
    public IReadOnlyList<string> CallChain { get; }
}
