using OrleansBank.Client.Commands;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Tests.Commands;

public class ExitCodesTests
{
    public static TheoryData<Exception, int> Unanswered => new()
    {
        { new SiloUnavailableException("The connection was lost while IAccountGrain.Withdraw was in flight; it may or may not have run."), 3 },
        { new TimeoutException("IAccountGrain.Withdraw did not answer within 00:00:30."), 3 },
        { new GrainStorageException("the disk is full"), 4 },
    };

    [Theory]
    [MemberData(nameof(Unanswered))]
    public void Classify_ErrorAfterWhichTheCallMayHaveRun_NamesTheOperationIdToRetryWith(Exception error, int code)
    {
        var (exit, message) = ExitCodes.Classify(error, "op-7");

        Assert.Equal(code, exit);
        Assert.EndsWith("To be safe, retry with --op-id op-7: an operation id is applied at most once.", message);
    }

    [Fact]
    public void Classify_BusinessError_SaysNothingAboutRetrying()
    {
        var (exit, message) = ExitCodes.Classify(new AccountNotOpenException("x"), "op-7");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("retry", message);
    }

    [Fact]
    public void Classify_WithoutOperationId_SaysNothingAboutRetrying() =>
        Assert.DoesNotContain("--op-id", ExitCodes.Classify(new TimeoutException("late")).Message);

    [Fact]
    public void Classify_Cancelled_Exits130AndNamesTheOperationIdToRetryWith()
    {
        var (exit, message) = ExitCodes.Classify(new OperationCanceledException(), "op-7");

        Assert.Equal(130, exit);
        Assert.StartsWith("Cancelled.", message);
        Assert.Contains("--op-id op-7", message);
    }

    [Fact]
    public void Classify_ArgumentErrorFromTheSilo_IsAUsageErrorWithoutDotNetDetails()
    {
        var (exit, message) = ExitCodes.Classify(new ArgumentOutOfRangeException("amount", 0m, "The amount must be greater than 0; got 0."));

        Assert.Equal(2, exit);
        Assert.Equal("The amount must be greater than 0; got 0.", message);
    }

    [Fact]
    public void Classify_ArgumentErrorNamingAParameter_LeavesTheParameterOut() =>
        Assert.Equal("The account id is empty.", ExitCodes.Classify(new ArgumentException("The account id is empty.", "primaryKey")).Message);
}
