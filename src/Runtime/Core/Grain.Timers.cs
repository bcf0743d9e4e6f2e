namespace OrleansBank.Runtime;

// Grain timers, with Orleans' overloads: each tick is a turn of this activation, and the timers end with it.
public abstract partial class Grain
{
    /// <summary>
    /// Creates a timer whose ticks run <paramref name="callback"/> as turns of this activation, on its scheduler: by
    /// default never beside another request. The next tick is due <see cref="GrainTimerCreationOptions.Period"/> after
    /// the previous one ends, so ticks never overlap. The timer stops when the activation deactivates; an exception
    /// from a tick is logged and the timer goes on.
    /// </summary>
    /// <param name="callback">Runs at each tick; its token is cancelled when the timer is disposed or the activation deactivates.</param>
    /// <param name="state">Passed to each call of <paramref name="callback"/>.</param>
    /// <param name="options">When the timer ticks, and whether its ticks interleave or keep the grain alive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A due time or period is negative (other than infinite) or longer than 4294967294 ms.</exception>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        options.Validate();
        var registry = GrainContext as IGrainTimerRegistry
            ?? throw new InvalidOperationException(
                $"{this} cannot register a timer: its context ({GrainContext.GetType().Name}) is not an activation of this runtime. Get the grain with IGrainFactory.GetGrain.");
        return registry.RegisterGrainTimer(callback, state, options);
    }

    /// <summary>Creates a timer with <paramref name="dueTime"/> and <paramref name="period"/>; see <see cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>.</summary>
    /// <param name="callback">Runs at each tick.</param>
    /// <param name="state">Passed to each call of <paramref name="callback"/>.</param>
    /// <param name="dueTime">Time until the first tick.</param>
    /// <param name="period">Time from the end of one tick to the start of the next.</param>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, TimeSpan dueTime, TimeSpan period)
    {
        GrainTimerCreationOptions.ThrowIfInvalid(dueTime, nameof(dueTime));
        GrainTimerCreationOptions.ThrowIfInvalid(period, nameof(period));
        return RegisterGrainTimer(callback, state, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Creates a timer whose callback takes a state but no token; see <see cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>.</summary>
    /// <param name="callback">Runs at each tick.</param>
    /// <param name="state">Passed to each call of <paramref name="callback"/>.</param>
    /// <param name="options">When the timer ticks, and whether its ticks interleave or keep the grain alive.</param>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (s, _) => s.Callback(s.State), (Callback: callback, State: state), options);
    }

    /// <summary>Creates a timer whose callback takes no state; see <see cref="RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>.</summary>
    /// <param name="callback">Runs at each tick; its token is cancelled when the timer is disposed or the activation deactivates.</param>
    /// <param name="options">When the timer ticks, and whether its ticks interleave or keep the grain alive.</param>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (c, token) => c(token), callback, options);
    }

    /// <summary>Creates a timer whose callback takes no state, with <paramref name="dueTime"/> and <paramref name="period"/>.</summary>
    /// <param name="callback">Runs at each tick.</param>
    /// <param name="dueTime">Time until the first tick.</param>
    /// <param name="period">Time from the end of one tick to the start of the next.</param>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        GrainTimerCreationOptions.ThrowIfInvalid(dueTime, nameof(dueTime));
        GrainTimerCreationOptions.ThrowIfInvalid(period, nameof(period));
        return RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));
    }

    /// <summary>Creates a timer whose callback takes neither state nor token.</summary>
    /// <param name="callback">Runs at each tick.</param>
    /// <param name="options">When the timer ticks, and whether its ticks interleave or keep the grain alive.</param>
    protected IGrainTimer RegisterGrainTimer(Func<Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (c, _) => c(), callback, options);
    }
}
