namespace OrleansBank.Grains.Tests.Accounts;

public class OperationRecordTests
{
    [Fact]
    public void IsRepeatedBy_SameKindAmountAndOwner_True()
    {
        var open = new OperationRecord(OperationKind.Open, 10m, Approved: true, BalanceAfter: 10m, DeclineReason: null, Owner: "Ada");
        var deposit = new OperationRecord(OperationKind.Deposit, 5m, Approved: true, BalanceAfter: 15m, DeclineReason: null);

        Assert.True(open.IsRepeatedBy(OperationKind.Open, 10m, "Ada"));
        Assert.True(deposit.IsRepeatedBy(OperationKind.Deposit, 5m, null));
    }

    [Theory]
    [InlineData(OperationKind.Open)]
    [InlineData(OperationKind.Withdraw)]
    [InlineData(OperationKind.Close)]
    public void IsRepeatedBy_OtherKind_False(OperationKind other)
    {
        var deposit = new OperationRecord(OperationKind.Deposit, 5m, Approved: true, BalanceAfter: 5m, DeclineReason: null);

        Assert.False(deposit.IsRepeatedBy(other, 5m, null));
    }

    [Theory]
    [InlineData(OperationKind.Open)]
    [InlineData(OperationKind.Deposit)]
    [InlineData(OperationKind.Withdraw)]
    public void IsRepeatedBy_OtherAmount_False(OperationKind kind)
    {
        var record = new OperationRecord(kind, 5m, Approved: true, BalanceAfter: 5m, DeclineReason: null, Owner: kind == OperationKind.Open ? "Ada" : null);

        Assert.False(record.IsRepeatedBy(kind, 6m, record.Owner));
    }

    [Fact]
    public void IsRepeatedBy_CloseWithAnyAmount_True()
    {
        // A close records what it paid out; the repeat asks to close, whatever the balance was.
        var close = new OperationRecord(OperationKind.Close, 42m, Approved: true, BalanceAfter: 0m, DeclineReason: null);

        Assert.True(close.IsRepeatedBy(OperationKind.Close, 0m, null));
    }

    [Fact]
    public void IsRepeatedBy_OpenForAnotherOwner_False()
    {
        var open = new OperationRecord(OperationKind.Open, 0m, Approved: true, BalanceAfter: 0m, DeclineReason: null, Owner: "Ada");

        Assert.False(open.IsRepeatedBy(OperationKind.Open, 0m, "mallory"));
    }

    [Theory]
    [InlineData(OperationKind.Open, 0, "Ada", "open 0 for 'Ada'")]
    [InlineData(OperationKind.Deposit, 10, null, "deposit 10")]
    [InlineData(OperationKind.Withdraw, 7, null, "withdraw 7")]
    [InlineData(OperationKind.Close, 0, null, "close 0")]
    public void DescribeUse_EachKind_NamesItInLowerCase(OperationKind kind, int amount, string? owner, string expected) =>
        Assert.Equal(expected, OperationRecord.DescribeUse(kind, amount, owner));
}
