using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging;

/// <summary>Requests held while membership judges a silo that could not be reached, then located again.</summary>
internal sealed partial class LocalMessageCenter
{
    private bool HoldUntilJudged(SiloAddress silo, Message message, Exception error)
    {
        if (message.Reroutes >= MaxReroutes || _membership is null)
        {
            return false;
        }

        message.Reroutes++;
        _ = RerouteWhenJudgedAsync(silo, message, error);
        return true;
    }

    private async Task RerouteWhenJudgedAsync(SiloAddress silo, Message message, Exception error)
    {
        if (!await _membership!.WaitUntilDeadAsync(silo).ConfigureAwait(false))
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"{error.Message.TrimEnd('.')}. The cluster did not declare it dead within {_membership.DetectionBound} either, so it may be cut off rather than gone: retry later, or look at it with GET /cluster.",
                error));
            return;
        }

        _locator.Forget(message.Target, silo);
        Locate(message);
    }
}
