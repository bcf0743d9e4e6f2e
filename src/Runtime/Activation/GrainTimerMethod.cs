using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

/// <summary>The method of a grain timer's tick: lets the activation tell ticks from requests for idleness and hand-over.</summary>
internal sealed class GrainTimerMethod : GrainMethod
{
    /// <summary>The timer's KeepAlive: when false, idle collection looks past this tick as if it were not there.</summary>
    public required bool KeepAlive { get; init; }

    /// <summary>True for any message that is a request, or a tick of a timer that keeps its grain alive.</summary>
    public static bool KeepsAlive(Message message) => message.Method is not GrainTimerMethod { KeepAlive: false };

    /// <summary>True for a timer's tick: it belongs to its activation and never moves to another.</summary>
    public static bool IsTick(Message message) => message.Method is GrainTimerMethod;
}
