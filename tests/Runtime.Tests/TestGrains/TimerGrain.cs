namespace OrleansBank.Runtime.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the grain's timer. Each tick logs "tick:N" and raises "tick:N"; <paramref name="behaviour"/> adds to it:
    /// "hold" waits for "release-tick:N" (then logs "tick-exit:N"), "throw:N" throws at tick N, "dispose:N" disposes
    /// the timer at tick N, "change:N" calls Change(5 s, 1 s) at tick N, "throw-on-cancel" registers a callback on the
    /// tick's token that throws.
    /// </summary>
    Task Start(TimeSpan dueTime, TimeSpan period, bool interleave, bool keepAlive, string behaviour);

    Task<int> Ticks();

    /// <summary>Logs "enter:name", raises "entered:name", waits for "release:name", logs "exit:name".</summary>
    Task Hold(string name);

    Task Change(TimeSpan dueTime, TimeSpan period);

    Task DisposeTimer();

    /// <summary>Registers a timer that never ticks, through the overload <paramref name="overload"/> names: "options" or "timespans".</summary>
    Task Register(string overload, TimeSpan dueTime, TimeSpan period);

    Task DeactivateWhenDone();
}

/// <summary>A grain with one timer, logging every tick and its lifecycle to the shared gates.</summary>
public sealed class TimerGrain(Gates gates) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private CancellationToken _tickToken;
    private string _behaviour = "";
    private int _ticks;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        gates.Record("activate");
        if (this.GetPrimaryKeyString().StartsWith("on-activate", StringComparison.Ordinal))
        {
            // As Orleans' samples do: a timer due at once, registered before the activation takes any request; then
            // the activation waits for the test, so its tick comes due while the grain is not ready yet.
            _timer = RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
            await gates.Signal("release-activation").Task;
            gates.Record("activated");
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        gates.Record($"deactivate:{reason.Code}");
        gates.Record($"token-cancelled:{_tickToken.IsCancellationRequested}");
        gates.Raise("deactivated");
        return Task.CompletedTask;
    }

    public Task Start(TimeSpan dueTime, TimeSpan period, bool interleave, bool keepAlive, string behaviour)
    {
        _behaviour = behaviour;
        _timer = RegisterGrainTimer(
            static (grain, token) => grain.OnTick(token),
            this,
            new GrainTimerCreationOptions(dueTime, period) { Interleave = interleave, KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public async Task Hold(string name)
    {
        gates.Record($"enter:{name}");
        gates.Raise($"entered:{name}");
        await gates.Signal($"release:{name}").Task;
        gates.Record($"exit:{name}");
    }

    public Task Change(TimeSpan dueTime, TimeSpan period)
    {
        _timer!.Change(dueTime, period);
        return Task.CompletedTask;
    }

    public Task DisposeTimer()
    {
        _timer!.Dispose();
        return Task.CompletedTask;
    }

    public Task Register(string overload, TimeSpan dueTime, TimeSpan period)
    {
        _timer = overload == "options"
            ? RegisterGrainTimer(_ => Task.CompletedTask, new GrainTimerCreationOptions(dueTime, period))
            : RegisterGrainTimer(_ => Task.CompletedTask, dueTime, period);
        return Task.CompletedTask;
    }

    public Task DeactivateWhenDone()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task OnTick(CancellationToken token)
    {
        _tickToken = token;
        var n = ++_ticks;
        gates.Record($"tick:{n}");
        if (TaskScheduler.Current == TaskScheduler.Default)
        {
            gates.Record($"tick-off-scheduler:{n}");
        }

        gates.Raise($"tick:{n}");
        if (_behaviour == "throw-on-cancel")
        {
            token.Register(static () => throw new GrainFailureException("a callback on the tick's token failed"));
        }

        if (_behaviour == $"throw:{n}")
        {
            throw new GrainFailureException($"tick {n} failed");
        }

        if (_behaviour == $"dispose:{n}")
        {
            _timer!.Dispose();
            gates.Record($"token-cancelled-by-dispose:{token.IsCancellationRequested}");
        }

        if (_behaviour == $"change:{n}")
        {
            _timer!.Change(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        }

        if (_behaviour == "hold")
        {
            await gates.Signal($"release-tick:{n}").Task;
            gates.Record($"tick-exit:{n}");
        }
    }
}
