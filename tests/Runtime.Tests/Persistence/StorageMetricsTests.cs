using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Metrics;
using OrleansBank.Runtime.Persistence;
using OrleansBank.Runtime.Tests.Core.Metrics;

namespace OrleansBank.Runtime.Tests.Persistence;

/// <summary>Commit size and duration from the memory store and from the group committer that SQL stores share.</summary>
public sealed class StorageMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly System.Diagnostics.Metrics.IMeterFactory _meters;

    public StorageMetricsTests() => _meters = _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task AppendAsync_MemoryStore_RecordsOneCommitOfItsEventsTaggedMemory()
    {
        using var recorder = new MeasurementRecorder(_meters);
        var storage = new MemoryGrainStorage(new StorageMetrics(_meters, TimeProvider.System));

        await storage.AppendAsync("log", new GrainId("account", "a"), 0, ["one", "two", "three"]);

        Assert.Equal([3.0], recorder.Values("orleansbank.storage.commit.batch_size", ("store", "memory")));
    }

    [Fact]
    public async Task Enqueue_AppendsWaitingBehindACommit_GoInOneBatchRecordedWithItsEventCount()
    {
        using var recorder = new MeasurementRecorder(_meters);
        var firstWriteEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = 0;
        await using var committer = new GroupCommitter(
            async batch =>
            {
                if (Interlocked.Increment(ref batches) == 1)
                {
                    firstWriteEntered.SetResult();
                    await releaseFirst.Task;
                }
            },
            metrics: new StorageMetrics(_meters, TimeProvider.System),
            store: "sqlite");

        var first = committer.Enqueue(PendingAppend.Create("log", new GrainId("account", "a"), 0, ["e1"]));
        await firstWriteEntered.Task;
        var second = committer.Enqueue(PendingAppend.Create("log", new GrainId("account", "b"), 0, ["e1", "e2"]));
        var third = committer.Enqueue(PendingAppend.Create("log", new GrainId("account", "c"), 0, ["e1", "e2"]));
        releaseFirst.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal([1.0, 4.0], recorder.Values("orleansbank.storage.commit.batch_size", ("store", "sqlite")));
        Assert.Equal(2, recorder.Values("orleansbank.storage.commit.duration", ("store", "sqlite")).Count);
    }
}
