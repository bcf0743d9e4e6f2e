namespace OrleansBank.Runtime;

/// <summary>The silo refused a call because it is shutting down: the call did not run, so it is safe to retry.</summary>
public sealed class SiloShuttingDownException(string message) : SiloUnavailableException(message)
{
    /// <summary>The refusal for a call to <paramref name="target"/>; it says the call did not run and how to retry it.</summary>
    internal static SiloShuttingDownException Refusing(SiloAddress silo, string method, GrainId target) => new(
        $"The silo {silo} is shutting down and did not run {method} on {target}: nothing changed; "
        + "retry it (with the same operation id) on another silo or once this one is back.");
}
