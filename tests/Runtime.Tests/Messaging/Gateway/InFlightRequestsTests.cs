using OrleansBank.Runtime.Messaging.Gateway;

namespace OrleansBank.Runtime.Tests.Messaging.Gateway;

/// <summary>The gateway's count of requests in flight, which shutdown waits on.</summary>
public class InFlightRequestsTests
{
    [Fact]
    public async Task StopAcceptingAsync_RequestsInFlight_CompletesWhenTheLastIsAnswered()
    {
        var requests = new InFlightRequests();
        Assert.True(requests.TryBeginRequest());
        Assert.True(requests.TryBeginRequest());

        var drained = requests.StopAcceptingAsync();
        requests.EndRequest();
        Assert.False(drained.IsCompleted);
        requests.EndRequest();

        await drained.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StopAcceptingAsync_NothingInFlight_CompletesAtOnceAndRefusesWhatFollows()
    {
        var requests = new InFlightRequests();
        Assert.True(requests.TryBeginRequest());
        requests.EndRequest();

        await requests.StopAcceptingAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(requests.TryBeginRequest());
    }

    [Fact]
    public async Task TryBeginRequest_ManyThreadsAtOnce_DrainCountsEveryOneOfThem()
    {
        var requests = new InFlightRequests();
        var begun = 0;
        using var barrier = new Barrier(4);
        // Threads of their own: the barrier blocks, and four pool threads may not be there yet on a small machine.
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < 10_000; i++)
            {
                Assert.True(requests.TryBeginRequest());
                Interlocked.Increment(ref begun);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);

        var drained = requests.StopAcceptingAsync();
        for (var i = 0; i < begun - 1; i++)
        {
            requests.EndRequest();
        }

        Assert.False(drained.IsCompleted);
        requests.EndRequest();
        await drained.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
