using System.Collections.Concurrent;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Tests.Persistence;

namespace OrleansBank.Runtime.Tests.Persistence;

/// <summary>Appends that queue while a transaction is written go together in the next one, each acknowledged only after it.</summary>
public class GroupCommitterTests
{
    [Fact]
    public async Task AppendsQueuedDuringAWrite_GoInOneBatch_AndCompleteOnlyWhenItCommits()
    {
        var batches = new ConcurrentQueue<int>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var committer = new GroupCommitter(async batch =>
        {
            batches.Enqueue(batch.Count);
            if (batches.Count == 1)
            {
                firstEntered.TrySetResult();
                await releaseFirst.Task;
            }
            else
            {
                await releaseSecond.Task;
            }
        });

        var first = committer.Enqueue(Append("first"));
        await firstEntered.Task.WaitAsync(TestingHost.Poll.DefaultTimeout);
        var queued = Enumerable.Range(0, 100).Select(i => committer.Enqueue(Append($"log-{i}"))).ToArray();
        releaseFirst.TrySetResult();
        await first;
        await TestingHost.Poll.UntilAsync(() => batches.Count == 2, "the second batch to start");

        Assert.DoesNotContain(queued, q => q.IsCompleted);
        releaseSecond.TrySetResult();
        await Task.WhenAll(queued);
        Assert.Equal([1, 100], batches);
    }

    [Fact]
    public async Task FailedTransaction_FailsEveryAppendInIt_AndARefusedAppendFailsAlone()
    {
        await using var committer = new GroupCommitter(batch =>
        {
            if (batch.Any(a => a.LogName == "poison"))
            {
                throw new GrainStorageException("the disk is full");
            }

            batch[0].Refusal = batch[0].Conflict("test", 7);
            return Task.CompletedTask;
        });

        var refused = committer.Enqueue(Append("stale"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);

        var failed = await Assert.ThrowsAsync<GrainStorageException>(() => committer.Enqueue(Append("poison")));
        Assert.Equal("the disk is full", failed.Message);
    }

    private static PendingAppend Append(string log) =>
        PendingAppend.Create(log, new GrainId("test", log), 0, [new SampleEvent(log, 1m)]);
}
