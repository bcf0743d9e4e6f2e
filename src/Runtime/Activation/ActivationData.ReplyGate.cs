using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

// The reply gate: nothing is acknowledged before it is durable, though the next turn need not wait for the disk.
internal sealed partial class ActivationData
{
    /// <summary>Replies once every write this activation made up to the end of the request's turn is durable.</summary>
    private async Task ReplyWhenDurableAsync(Message message, object? result, Exception? error, Task pendingWrites)
    {
        try
        {
            await pendingWrites.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            error ??= ex;
        }

        Reply(message, result, error);
    }

    private void Reply(Message message, object? result, Exception? error)
    {
        // Counted before the reply leaves, so a caller holding the answer finds its call counted.
        _catalog.Metrics?.Record(Class.GrainType, message.Method.Name, error, message.ArrivalTimestamp);
        if (error is null)
        {
            message.ReplyTo.Complete(result);
        }
        else
        {
            message.ReplyTo.Fail(error);
        }
    }

    /// <summary>What must be durable before a reply leaves: every write of this activation so far.</summary>
    private Task? PendingWrites()
    {
        Task? single = null;
        List<Task>? several = null;
        foreach (var state in _durableStates)
        {
            if (state.PendingWrites is { } pending)
            {
                if (single is null)
                {
                    single = pending;
                }
                else
                {
                    (several ??= [single]).Add(pending);
                }
            }
        }

        return several is null ? single : Task.WhenAll(several);
    }
}
