using OrleansBank.Runtime.Persistence;

namespace OrleansBank.Runtime.Activation;

// Activation: construction, state loading and OnActivateAsync, before any request runs.
internal sealed partial class ActivationData
{
    /// <summary>Starts construction, state loading and OnActivateAsync on this activation's scheduler.</summary>
    public void Activate() => _ = Scheduler.RunWithoutFlow(ActivateAsync);

    private async Task ActivateAsync()
    {
        if (!await RegisterAsync())
        {
            return;
        }

        try
        {
            _grain = RuntimeContext.Construct(this, static a => (IGrainBase)a.Class.Create(a, a._states));

            foreach (var state in _states)
            {
                await state.LoadAsync(CancellationToken.None);
                if (state is IDurableState durable)
                {
                    _durableStates.Add(durable);
                }
            }

            await _grain.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.ActivationFailed(_logger, ex, GrainId);
            await UnregisterAsync();
            Retire(message => message.ReplyTo.Fail(ex));
            return;
        }

        var deactivate = false;
        var pump = false;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            if (_deactivateOnceActive is { } reason)
            {
                BeginDeactivation(reason);
                deactivate = true;
            }
            else
            {
                // Messages pushed while creating waited in the inbox: the pump admits them now.
                pump = TryClaimPump();
            }
        }

        Log.Activated(_logger, GrainId, Class.Type.Name);
        if (deactivate)
        {
            _ = FinishDeactivationAsync();
        }
        else
        {
            _catalog.Collector.Track(this);
            if (pump)
            {
                Pump();
            }
        }
    }
}
