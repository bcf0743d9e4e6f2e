namespace OrleansBank.TestingHost.Tests;

public class PollTests
{
    [Fact]
    public async Task UntilAsync_ConditionAlreadyTrue_ChecksOnceAndReturns()
    {
        var checks = 0;

        await Poll.UntilAsync(() => ++checks > 0, "a true condition");

        Assert.Equal(1, checks);
    }

    [Fact]
    public async Task UntilAsync_ConditionTrueOnTheThirdCheck_ReturnsThen()
    {
        var checks = 0;

        await Poll.UntilAsync(() => ++checks == 3, "the third check");

        Assert.Equal(3, checks);
    }

    [Fact]
    public async Task UntilAsync_ConditionMadeTrueByAnotherTask_Returns()
    {
        var flag = 0;
        var waiting = Poll.UntilAsync(() => Volatile.Read(ref flag) == 1, "the flag");

        _ = Task.Run(() => Volatile.Write(ref flag, 1));

        await waiting;
        Assert.Equal(1, Volatile.Read(ref flag));
    }

    [Fact]
    public async Task UntilAsync_NeverTrue_ThrowsTimeoutNamingWhatItWaitedForAndTheLimit()
    {
        var limit = TimeSpan.FromMilliseconds(50);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Poll.UntilAsync(() => false, "the moon to turn blue", limit));

        Assert.Equal($"Gave up after {limit} waiting for the moon to turn blue.", error.Message);
    }

    [Fact]
    public async Task UntilAsync_AsyncConditionNeverTrue_ThrowsTimeoutNamingWhatItWaitedFor()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Poll.UntilAsync(() => Task.FromResult(false), "an async answer", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("waiting for an async answer", error.Message);
    }

    [Fact]
    public async Task UntilAsync_AsyncConditionTrue_Returns()
    {
        var checks = 0;

        await Poll.UntilAsync(async () =>
        {
            await Task.Yield();
            return ++checks == 2;
        }, "the second async check");

        Assert.Equal(2, checks);
    }

    [Fact]
    public async Task UntilAsync_ConditionThrows_PassesTheExceptionOn()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Poll.UntilAsync(new Func<bool>(() => throw new InvalidOperationException("broken probe")), "a broken probe"));

        Assert.Equal("broken probe", error.Message);
    }
}
