using System.Text.Json;
using OrleansBank.Client.Commands;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Tests.Commands;

public class StormCommandTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task Storm_ByDefault_PrintsTheOpIdPrefixItUsed()
    {
        var account = await Silo.OpenAsync(100m);

        var human = await Silo.RunAsync("storm", account.GetPrimaryKeyString(), "--count", "3", "--amount", "1");
        var json = await Silo.RunAsync("storm", account.GetPrimaryKeyString(), "--count", "3", "--amount", "1", "--json");

        Assert.Matches(@"resume with --op-prefix storm-[0-9a-f]{16}\)", human.Out);
        Assert.Matches("^storm-[0-9a-f]{16}$", JsonDocument.Parse(json.Out).RootElement.GetProperty("opIdPrefix").GetString());
    }

    [Fact]
    public async Task Storm_SamePrefixAgain_ReplaysEveryWithdrawalAndStillConserves()
    {
        var account = await Silo.OpenAsync(100m);
        var id = account.GetPrimaryKeyString();
        var prefix = $"p{Guid.NewGuid():N}";

        var first = await Storm(id, "--count", "40", "--amount", "1", "--concurrency", "8", "--op-prefix", prefix);
        var again = await Storm(id, "--count", "40", "--amount", "1", "--concurrency", "8", "--op-prefix", prefix);

        Assert.Equal((0, 40, 0, true), (first.Exit, first.Report.GetProperty("approved").GetInt32(), first.Report.GetProperty("replayed").GetInt32(), first.Report.GetProperty("conserved").GetBoolean()));
        Assert.Equal((0, 40, 40, true), (again.Exit, again.Report.GetProperty("approved").GetInt32(), again.Report.GetProperty("replayed").GetInt32(), again.Report.GetProperty("conserved").GetBoolean()));
        Assert.Equal(prefix, again.Report.GetProperty("opIdPrefix").GetString());
        Assert.Equal(60m, await account.GetBalance());
        Assert.Equal(40, (await account.GetStatement()).Entries.Count(e => e.OperationId.StartsWith(prefix + "-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Storm_ResumedWithALargerCount_CountsOnlyFreshApprovalsAgainstTheDrop()
    {
        var account = await Silo.OpenAsync(100m);
        var id = account.GetPrimaryKeyString();

        await Storm(id, "--count", "20", "--amount", "1", "--op-prefix", "resume");
        var resumed = await Storm(id, "--count", "50", "--amount", "1", "--op-prefix", "resume");

        var r = resumed.Report;
        Assert.Equal(0, resumed.Exit);
        Assert.Equal((50, 20, 80m, 50m, true), (r.GetProperty("approved").GetInt32(), r.GetProperty("replayed").GetInt32(),
            r.GetProperty("balanceBefore").GetDecimal(), r.GetProperty("balanceAfter").GetDecimal(), r.GetProperty("conserved").GetBoolean()));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Storm_PrefixBreakingTheOpIdRule_ExitsTwo(string prefix)
    {
        var (exit, _, error) = await Silo.RunAsync("storm", "acc", "--count", "1", "--amount", "1", "--op-prefix", prefix);

        Assert.Equal(2, exit);
        Assert.Contains("operation id prefix", error);
    }

    [Fact]
    public async Task Storm_PrefixTooLongForTheLastId_ExitsTwo()
    {
        var (exit, _, error) = await Silo.RunAsync("storm", "acc", "--count", "1", "--amount", "1", "--op-prefix", new string('p', 121));

        Assert.Equal(2, exit);
        Assert.Contains("1-120 printable ASCII", error);
    }

    public static TheoryData<Exception> NoAnswer => new()
    {
        new SiloUnavailableException("The silo is shutting down and did not run IAccountGrain.Withdraw."),
        new TimeoutException("IAccountGrain.Withdraw did not answer in time."),
        new GrainStorageException("the disk is full"),
    };

    [Theory]
    [MemberData(nameof(NoAnswer))]
    public async Task RunAsync_CallGetsNoAnswerAndTheBalanceCannotBeRead_StopsAndReportsWhatItHas(Exception noAnswer)
    {
        var withdrawals = 0;
        var balanceReads = 0;
        var account = ScriptedAccount.Create((method, args) => method switch
        {
            "GetBalance" => ++balanceReads == 1 ? Task.FromResult(100m) : Task.FromException<decimal>(noAnswer),
            "Withdraw" => ++withdrawals <= 3
                ? Task.FromResult(new WithdrawResult((string)args[1]!, (decimal)args[0]!, true, 100m - withdrawals, null))
                : Task.FromException<WithdrawResult>(noAnswer),
            _ => throw new NotSupportedException(method),
        });

        var report = await StormCommand.RunAsync(account, 10, 1m, 1, "partial");

        Assert.Equal((3, 0, 1, 6), (report.Approved, report.Declined, report.Failed, report.NotSent));
        Assert.Equal(("partial", 100m, (decimal?)null, (bool?)null), (report.OpIdPrefix, report.BalanceBefore, report.BalanceAfter, report.Conserved));
        Assert.False(report.Complete);
    }

    [Fact]
    public async Task RunAsync_CancelledMidStorm_StopsSendingAndCountsTheRestAsNotSent()
    {
        using var cancel = new CancellationTokenSource();
        var withdrawals = 0;
        var account = ScriptedAccount.Create((method, args) => method switch
        {
            "GetBalance" => Task.FromResult(100m),
            "Withdraw" => Answer(++withdrawals),
            _ => throw new NotSupportedException(method),
        });

        // The third withdrawal cancels, as Ctrl+C would while it is in flight; it is still answered.
        Task<WithdrawResult> Answer(int n)
        {
            if (n == 3)
            {
                cancel.Cancel();
            }

            return Task.FromResult(new WithdrawResult($"c-{n}", 1m, true, 100m - n, null));
        }

        var report = await StormCommand.RunAsync(account, 10, 1m, 1, "c", cancellationToken: cancel.Token);

        Assert.Equal((3, 0, 7), (report.Approved, report.Failed, report.NotSent));
        Assert.False(report.Complete);
    }

    [Fact]
    public async Task RunAsync_EveryAnsweredCall_IsReportedForTheProgressBar()
    {
        var answered = 0;
        var account = ScriptedAccount.Create((method, args) => method switch
        {
            "GetBalance" => Task.FromResult(100m),
            "Withdraw" => Task.FromResult(new WithdrawResult((string)args[1]!, 1m, true, 0m, null)),
            _ => throw new NotSupportedException(method),
        });

        await StormCommand.RunAsync(account, 25, 1m, 4, "p", () => Interlocked.Increment(ref answered));

        Assert.Equal(25, answered);
    }

    [Fact]
    public async Task Storm_Redirected_TableHasNoEmptyRowNoProgressAndOneLatencyFormat()
    {
        var account = await Silo.OpenAsync(100m);

        var (exit, output, _) = await Silo.RunAsync("storm", account.GetPrimaryKeyString(), "--count", "5", "--amount", "1");

        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(0, exit);
        Assert.Contains("5 withdrawals of $1.00", lines[0]);
        Assert.StartsWith("┌", lines[1]);
        Assert.Contains("Approved", lines[2]);
        Assert.Matches(@"Latency p50 / p99 +│ [0-9,]+\.\d\d ms / [0-9,]+\.\d\d ms ", output);
        Assert.DoesNotContain("Withdrawals", output);
        Assert.DoesNotContain("\u001b", output);
    }

    [Fact]
    public async Task RunAsync_BusinessError_IsThrown()
    {
        var account = ScriptedAccount.Create((method, _) => method switch
        {
            "GetBalance" => Task.FromResult(100m),
            "Withdraw" => Task.FromException<WithdrawResult>(new AccountClosedException("x")),
            _ => throw new NotSupportedException(method),
        });

        await Assert.ThrowsAsync<AccountClosedException>(() => StormCommand.RunAsync(account, 10, 1m, 2, "p"));
    }

    [Fact]
    public async Task Storm_ConnectionLostMidStorm_RetriesTheLostWithdrawalByItsIdAndFinishesApplyingEachOnce()
    {
        await using var silo = await BankSilo.StartAsync();
        var account = await silo.OpenAsync(10m);
        var id = account.GetPrimaryKeyString();
        silo.Authorization.Hold = true;

        var run = silo.RunAsync("storm", id, "--count", "10", "--amount", "1", "--concurrency", "1", "--op-prefix", "cut", "--json");
        await silo.Authorization.Arrived.WaitAsync(TestingHost.Poll.DefaultTimeout);
        await silo.Cluster.DropClientConnectionsAsync();
        // The held withdrawal still runs at the silo after its caller is gone: the retry with its id must not repeat it.
        silo.Authorization.Release();
        var (exit, output, error) = await run;

        Assert.True(exit == 0, error);
        var done = JsonDocument.Parse(output).RootElement;
        Assert.Equal((10, 0, 0, "cut"), (done.GetProperty("approved").GetInt32(), done.GetProperty("failed").GetInt32(), done.GetProperty("notSent").GetInt32(), done.GetProperty("opIdPrefix").GetString()));
        Assert.Equal((0m, true), (done.GetProperty("balanceAfter").GetDecimal(), done.GetProperty("conserved").GetBoolean()));
        Assert.Equal(0m, await account.GetBalance());
    }

    private async Task<(int Exit, JsonElement Report)> Storm(string id, params string[] args)
    {
        var (exit, output, error) = await Silo.RunAsync(["storm", id, .. args, "--json"]);
        Assert.True(exit == 0, error);
        return (exit, JsonDocument.Parse(output).RootElement);
    }
}
