using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Activation;

// Registration: in a cluster an activation claims its grain in the directory before any grain code runs, and gives
// the claim back once it is gone, so the cluster holds at most one activation per grain.
internal sealed partial class ActivationData
{
    private bool _holdsGrain;

    /// <summary>
    /// True from winning the grain's directory claim (or, without a directory, from the start of activation) until the
    /// activation is gone: an activation that lost the claim is in its silo's catalog for a moment, but runs no grain code.
    /// </summary>
    public bool HoldsGrain
    {
        get
        {
            lock (_lock)
            {
                return _holdsGrain && _state != ActivationState.Invalid;
            }
        }
    }

    /// <summary>
    /// Registers this activation; true when it holds the grain (or there is no directory). Otherwise it has retired
    /// without running grain code: its queued messages went on to the winner's silo, or failed.
    /// </summary>
    private async Task<bool> RegisterAsync()
    {
        if (_catalog.Registrar is not { } registrar)
        {
            Volatile.Write(ref _holdsGrain, true);
            return true;
        }

        var mine = new GrainRegistration(GrainId, _catalog.Silo, Guid.NewGuid().ToString("N"));
        GrainRegistration? holder;
        try
        {
            holder = await registrar.RegisterAsync(mine);
        }
        catch (Exception ex)
        {
            Log.RegistrationFailed(_logger, ex, GrainId);
            var error = new SiloUnavailableException(
                $"Silo {_catalog.Silo} could not register {GrainId} in the grain directory, so it did not activate it: {ex.Message} Retry the call.", ex);
            Retire(message => message.ReplyTo.Fail(error));
            return false;
        }

        if (holder is null)
        {
            Log.NotAMember(_logger, GrainId);
            var error = new SiloUnavailableException(
                $"Silo {_catalog.Silo} is not a live member of the cluster (its membership row is missing or dead), so it cannot activate {GrainId}: call through another silo.");
            Retire(message => message.ReplyTo.Fail(error));
            return false;
        }

        if (holder != mine)
        {
            // Lost the race (or reached through a stale cache): the grain lives on the winner's silo; send it our queue.
            Log.LostRegistration(_logger, GrainId, holder.Silo);
            Retire(message => _catalog.Forward(message, holder.Silo));
            return false;
        }

        _registration = mine;
        Volatile.Write(ref _holdsGrain, true);
        return true;
    }

    /// <summary>Gives back this activation's registration, if it holds one; a failure is logged, not thrown.</summary>
    private async Task UnregisterAsync()
    {
        if (_registration is not { } registration || _catalog.Registrar is not { } registrar)
        {
            return;
        }

        _registration = null;
        try
        {
            await registrar.UnregisterAsync(registration);
        }
        catch (Exception ex)
        {
            // The next activation of this grain on this silo replaces the leftover row; another silo forwards to here.
            Log.UnregistrationFailed(_logger, ex, GrainId);
        }
    }
}
