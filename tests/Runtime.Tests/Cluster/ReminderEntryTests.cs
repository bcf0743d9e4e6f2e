using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>The due-time arithmetic and the rules every reminder row keeps, whatever the store.</summary>
public sealed class ReminderEntryTests
{
    private static readonly DateTimeOffset Due = DateTimeOffset.FromUnixTimeMilliseconds(1_763_790_000_000);

    private static ReminderEntry Entry(TimeSpan period) => new()
    {
        GrainId = new GrainId("order", "1"),
        ReminderName = "run",
        StartAt = Due,
        Period = period,
        DueTime = Due,
    };

    [Theory]
    [InlineData(0, 10)] // delivered on time
    [InlineData(9_999, 10)]
    [InlineData(10_000, 20)] // exactly one period late: the next tick is the one after
    [InlineData(35_000, 40)] // three ticks missed: skipped, not replayed
    public void NextDueAfter_CompletedLate_MovesByWholePeriodsPastNow(int lateMilliseconds, int expectedSeconds)
    {
        var next = Entry(TimeSpan.FromSeconds(10)).NextDueAfter(Due.AddMilliseconds(lateMilliseconds));

        Assert.Equal(Due.AddSeconds(expectedSeconds), next);
    }

    [Fact]
    public void NextDueAfter_CompletedBeforeDue_IsOnePeriodOn()
    {
        Assert.Equal(Due.AddSeconds(1), Entry(TimeSpan.FromSeconds(1)).NextDueAfter(Due.AddSeconds(-5)));
    }

    [Fact]
    public void NextDueAfter_PeriodUnderOneSecond_ThrowsNamingTheRule()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Entry(TimeSpan.FromMilliseconds(10)).NextDueAfter(Due));

        Assert.Contains("at least 1 second", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_ValidEntry_IsNull()
    {
        Assert.Null(Entry(TimeSpan.FromSeconds(1)).Problem());
    }

    [Fact]
    public void Problem_NameTooLong_SaysTheLimit()
    {
        var entry = Entry(TimeSpan.FromSeconds(1)) with { ReminderName = new string('x', ReminderEntry.MaxNameLength + 1) };

        Assert.Contains($"at most {ReminderEntry.MaxNameLength}", entry.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void TickStatus_For_IdIsTheNameAndTheDueTime()
    {
        var status = TickStatus.For("run", Due, TimeSpan.FromSeconds(1), Due.AddSeconds(3));

        Assert.Equal("run@1763790003000", status.TickId);
        Assert.Equal(Due.AddSeconds(3), status.CurrentTickTime);
    }
}
