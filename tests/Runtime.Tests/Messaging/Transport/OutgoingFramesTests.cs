using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

/// <summary>The frames a connection has yet to send: copied in as queued, taken all at once by the one sender.</summary>
public class OutgoingFramesTests
{
    [Fact]
    public void TryTake_FramesQueuedWhileABatchIsOnTheWire_LeaveTogetherInTheNextBatch()
    {
        var frames = new OutgoingFrames();
        frames.TryAppend([1, 1]);
        Assert.True(frames.TryTake(out var first, out _));

        // The first batch is "on the wire" (taken, not yet given back): these queue behind it.
        frames.TryAppend([2]);
        frames.TryAppend([3, 3, 3]);
        frames.Sent(first);

        Assert.Equal([1, 1], first.ToArray());
        Assert.True(frames.TryTake(out var second, out _));
        Assert.Equal([2, 3, 3, 3], second.ToArray());
    }

    [Fact]
    public void TryAppend_FrameCopied_LaterChangesToTheCallersBufferAreNotSent()
    {
        var frames = new OutgoingFrames();
        var frame = new byte[] { 7, 8 };
        frames.TryAppend(frame);
        frame[0] = 0; // the caller's buffer goes back to its pool as soon as the frame is queued

        Assert.True(frames.TryTake(out var batch, out _));
        Assert.Equal([7, 8], batch.ToArray());
    }

    [Fact]
    public async Task TryTake_NothingQueued_WaitIsDoneOnceAFrameArrives()
    {
        var frames = new OutgoingFrames();
        Assert.False(frames.TryTake(out _, out var wait));
        Assert.True(wait.HasValue);
        Assert.False(wait.Value.IsCompleted);

        frames.TryAppend([5]);

        await wait.Value.AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(frames.TryTake(out var batch, out _));
        Assert.Equal([5], batch.ToArray());
    }

    [Fact]
    public async Task Complete_WhileTheSenderWaits_WakesItToFindNothingMore()
    {
        var frames = new OutgoingFrames();
        Assert.False(frames.TryTake(out _, out var wait));

        frames.Complete();

        await wait!.Value.AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(frames.TryTake(out _, out var after));
        Assert.Null(after);
    }

    [Fact]
    public void TryAppend_AfterComplete_IsRefusedWhileWhatWasQueuedStillDrains()
    {
        var frames = new OutgoingFrames();
        Assert.True(frames.TryAppend([1]));
        frames.Complete();

        Assert.False(frames.TryAppend([2]));
        Assert.True(frames.TryTake(out var batch, out _));
        Assert.Equal([1], batch.ToArray());
        Assert.False(frames.TryTake(out _, out var wait));
        Assert.Null(wait);
    }

    [Fact]
    public void Sent_ABufferGrownPastTheKeptSize_IsNotFilledAgain()
    {
        var frames = new OutgoingFrames();
        frames.TryAppend(new byte[OutgoingFrames.KeptSize + 1]);
        Assert.True(frames.TryTake(out var big, out _));
        Assert.Equal(OutgoingFrames.KeptSize + 1, big.Count);
        frames.Sent(big);

        frames.TryAppend([1]);
        Assert.True(frames.TryTake(out var small, out _));
        frames.Sent(small);
        frames.TryAppend([2]);
        Assert.True(frames.TryTake(out var next, out _));

        Assert.NotSame(big.Array, small.Array);
        Assert.NotSame(big.Array, next.Array);
        Assert.Equal(OutgoingFrames.InitialSize, next.Array!.Length);
    }
}
