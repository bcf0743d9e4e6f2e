using System.Threading.Channels;

namespace OrleansBank.Benchmarks;

/// <summary>The floor: a request/reply round trip through a channel to one consumer, nothing else.</summary>
public sealed class ChannelServer : IAsyncDisposable
{
    private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _requests =
        Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _consumer;

    public ChannelServer() => _consumer = Task.Run(ConsumeAsync);

    public Task<int> Echo(int value)
    {
        // Same completion mode as a grain call: the caller's continuation never runs on the consumer's thread.
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite((value, reply));
        return reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.Complete();
        await _consumer;
    }

    private async Task ConsumeAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var request))
            {
                request.Reply.SetResult(request.Value);
            }
        }
    }
}
