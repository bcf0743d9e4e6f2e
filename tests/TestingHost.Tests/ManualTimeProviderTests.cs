namespace OrleansBank.TestingHost.Tests;

public class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_New_IsTheStartOf2026()
    {
        Assert.Equal(Start, new ManualTimeProvider().GetUtcNow());
    }

    [Fact]
    public void Advance_Forward_MovesNowAndTimestampsByExactlyThatMuch()
    {
        var time = new ManualTimeProvider(Start);
        var before = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(Start.AddMilliseconds(1500), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(before));
    }

    [Fact]
    public void Advance_Backward_ThrowsAndLeavesTheClock()
    {
        var time = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal(Start, time.GetUtcNow());
    }

    [Fact]
    public void Advance_ShortOfTheDueTime_DoesNotFire()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(9.999));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void Advance_ToTheDueTime_FiresOnceOnTheCallingThreadWithItsState()
    {
        var time = new ManualTimeProvider(Start);
        var calls = new List<(object? State, int Thread)>();
        using var timer = time.CreateTimer(s => calls.Add((s, Environment.CurrentManagedThreadId)), "state", TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([("state", Environment.CurrentManagedThreadId)], calls);
    }

    [Fact]
    public void Advance_DueTimeZero_FiresOnTheNextAdvanceEvenOfZero()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.Zero);

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Advance_PastSeveralTimers_FiresThemInDueTimeOrder()
    {
        var time = new ManualTimeProvider(Start);
        var order = new List<string>();
        using var late = time.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => order.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var middle = time.CreateTimer(_ => order.Add("middle"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["early", "middle", "late"], order);
    }

    [Fact]
    public void Advance_TimersDueAtTheSameTime_FireInCreationOrder()
    {
        var time = new ManualTimeProvider(Start);
        var order = new List<int>();
        var timers = Enumerable.Range(0, 5)
            .Select(i => time.CreateTimer(_ => order.Add(i), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan))
            .ToArray();

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([0, 1, 2, 3, 4], order);
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerAdvanceThatReachesItsNextDueTime()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, fired);
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(2, fired);

        // One big step fires a timer once, not once per period it skipped.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, fired);
    }

    [Fact]
    public void Change_DueTimeLater_MovesTheTimer()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_InfiniteDueTime_StopsTheTimer()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, fired);
    }

    [Fact]
    public async Task Dispose_Timer_NeverFiresAgain()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        await timer.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Advance_TimerCallbackCreatesATimer_DoesNotDeadlockAndTheNewTimerWaitsForItsDueTime()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<string>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ =>
            {
                fired.Add("first");
                second = time.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["first"], fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["first", "second"], fired);
        second!.Dispose();
    }

    [Fact]
    public void Advance_TimerDisposedByAnEarlierCallbackOfTheSameAdvance_DoesNotFire()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<string>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ =>
            {
                fired.Add("first");
                second!.Dispose();
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);
        second = time.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first"], fired);
    }

    [Fact]
    public void Advance_TimerMovedLaterByAnEarlierCallbackOfTheSameAdvance_FiresOnlyAtItsNewTime()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<string>();
        ITimer? second = null;
        using var first = time.CreateTimer(
            _ =>
            {
                fired.Add("first");
                second!.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);
        second = time.CreateTimer(_ => fired.Add("second"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["first"], fired);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(["first"], fired);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["first", "second"], fired);
        second.Dispose();
    }

    [Theory]
    [InlineData(-2, -1)]
    [InlineData(1000, -2)]
    public void CreateTimer_NegativeTimeOtherThanInfinite_ThrowsArgumentOutOfRange(int dueMilliseconds, int periodMilliseconds)
    {
        var time = new ManualTimeProvider(Start);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(
            _ => { }, null, TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds)));

        Assert.Equal(dueMilliseconds < -1 ? "dueTime" : "period", error.ParamName);
    }

    [Fact]
    public void Change_NegativeDueTime_ThrowsAndLeavesTheTimerAsItWas()
    {
        var time = new ManualTimeProvider(Start);
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Delay_OnTheManualClock_CompletesOnlyWhenAdvancedToItsEnd()
    {
        var time = new ManualTimeProvider(Start);

        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Delay_CancelledBeforeItsEnd_IsCanceledAndAdvancingLaterIsHarmless()
    {
        var time = new ManualTimeProvider(Start);
        using var cancel = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), time, cancel.Token);
        await cancel.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }

    [Fact]
    public async Task WaitAsync_OnTheManualClock_TimesOutOnlyWhenAdvanced()
    {
        var time = new ManualTimeProvider(Start);
        var never = new TaskCompletionSource();

        var waiting = never.Task.WaitAsync(TimeSpan.FromSeconds(30), time);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }
}
