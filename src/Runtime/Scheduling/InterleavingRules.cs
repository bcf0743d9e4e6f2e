using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Scheduling;

/// <summary>Which requests may run while others are in progress on the same activation, as in Orleans.</summary>
internal static class InterleavingRules
{
    /// <summary>True when a request for <paramref name="incoming"/> may start beside the running ones.</summary>
    /// <param name="grainIsReentrant">The grain class has [Reentrant].</param>
    /// <param name="incoming">The method of the request that wants to start.</param>
    /// <param name="running">How many requests are running.</param>
    /// <param name="runningWriters">How many of those are not [ReadOnly].</param>
    public static bool CanStart(bool grainIsReentrant, GrainMethod incoming, int running, int runningWriters) =>
        running == 0
        || grainIsReentrant
        || incoming.IsAlwaysInterleave
        || (incoming.IsReadOnly && runningWriters == 0);
}
