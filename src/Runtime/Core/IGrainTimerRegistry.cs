namespace OrleansBank.Runtime;

/// <summary>What an activation offers its grain for timers: lets <see cref="Grain"/> reach the runtime without Core knowing Activation.</summary>
internal interface IGrainTimerRegistry
{
    /// <summary>Creates and starts a timer whose ticks are turns of this activation; arguments are already validated.</summary>
    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);
}
