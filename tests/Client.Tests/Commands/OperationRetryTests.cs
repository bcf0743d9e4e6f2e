using System.Collections.Concurrent;
using OrleansBank.Client.Commands;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>Calls that carry an operation id are sent again through another gateway when theirs is lost.</summary>
public class OperationRetryTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task CallAsync_GatewayLostTwiceThenAnswered_ReturnsTheAnswerAndNotesEachRetry()
    {
        var attempts = 0;
        var notes = new List<string>();

        var answer = await OperationRetry.CallAsync(
            () => ++attempts < 3 ? Task.FromException<int>(new SiloUnavailableException("connection lost")) : Task.FromResult(42),
            "op-1",
            notes.Add,
            wait: NoWait);

        Assert.Equal((42, 3), (answer, attempts));
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Contains("op-1", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallAsync_LostOnEveryAttempt_GivesUpAfterThreeSayingWhyAndExitCodeThreeNamesTheId()
    {
        var attempts = 0;

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => OperationRetry.CallAsync(
            () => { attempts++; return Task.FromException<int>(new SiloUnavailableException("the gateway at g1 closed")); },
            "op-2",
            wait: NoWait));
        var (code, message) = ExitCodes.Classify(error, "op-2");

        Assert.Equal(OperationRetry.MaxAttempts, attempts);
        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("the gateway at g1 closed", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SiloUnreachable, code);
        Assert.Contains("retry with --op-id op-2", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_LostTwiceThenAnswered_WaitsAGrowingBackoffBeforeEachRetry()
    {
        var attempts = 0;
        var waits = new List<TimeSpan>();
        var notes = new List<string>();

        await OperationRetry.CallAsync(
            () => ++attempts < 3 ? Task.FromException<int>(new SiloUnavailableException("connection lost")) : Task.FromResult(1),
            "op-4",
            notes.Add,
            wait: (delay, _) =>
            {
                waits.Add(delay);
                return Task.CompletedTask;
            });

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)], waits);
        Assert.Contains("in 100 ms, attempt 2 of 3", notes[0], StringComparison.Ordinal);
        Assert.Contains("in 300 ms, attempt 3 of 3", notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_CancelledWhileWaitingToRetry_StopsWithoutSendingAgain()
    {
        var attempts = 0;
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OperationRetry.CallAsync(
            () => { attempts++; return Task.FromException<int>(new SiloUnavailableException("connection lost")); },
            "op-5",
            cancellationToken: cancel.Token,
            wait: async (_, ct) =>
            {
                await cancel.CancelAsync();
                ct.ThrowIfCancellationRequested();
            }));

        Assert.Equal(1, attempts);
    }

    private static Task NoWait(TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;

    [Fact]
    public async Task CallAsync_BankRefusal_IsNotSentAgain()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<AccountNotOpenException>(() => OperationRetry.CallAsync(
            () => { attempts++; return Task.FromException<int>(new AccountNotOpenException("no such account")); },
            "op-3"));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Storm_ReplyLostWithTheGateway_RetriesWithTheSameIdAndAppliesEachOnce()
    {
        // A fake account that keeps op ids as the grain does: the answer to the 5th withdrawal is lost with its gateway
        // after it ran, so only the id keeps the retry from withdrawing twice.
        var applied = new ConcurrentDictionary<string, WithdrawResult>();
        var balance = 100m;
        var lost = 0;
        var account = ScriptedAccount.Create((method, args) => method switch
        {
            "GetBalance" => Task.FromResult(balance),
            "Withdraw" => Withdraw((decimal)args[0]!, (string)args[1]!),
            _ => throw new NotSupportedException(method),
        });

        Task<WithdrawResult> Withdraw(decimal amount, string opId)
        {
            if (applied.TryGetValue(opId, out var earlier))
            {
                return Task.FromResult(earlier with { Replayed = true });
            }

            balance -= amount;
            applied[opId] = new WithdrawResult(opId, amount, true, balance, null);
            return opId.EndsWith("-4", StringComparison.Ordinal) && Interlocked.Increment(ref lost) == 1
                ? Task.FromException<WithdrawResult>(new SiloUnavailableException("The connection to the silo at g1 was lost"))
                : Task.FromResult(applied[opId]);
        }

        var report = await StormCommand.RunAsync(account, 10, 1m, 1, "lost");

        Assert.Equal((10, 0, 0, 10), (report.Approved, report.Failed, report.NotSent, applied.Count));
        Assert.Equal((90m, (bool?)true), (balance, report.Conserved));
        Assert.True(report.Complete);
    }

    [Fact]
    public async Task Balance_FirstGatewayDead_IsSkippedAndTheNextAnswers()
    {
        var account = await Silo.OpenAsync(25m);

        var (exit, output, error) = await Silo.RunAsync("balance", account.GetPrimaryKeyString(), "--json", "--gateway", $"127.0.0.1:{Built.FreePort()}");

        Assert.Equal((0, ""), (exit, error));
        Assert.Contains("\"balance\":25", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deposit_NoGatewayAnswers_ExitsThreeNamingTheMintedOpIdToRetryWith()
    {
        var dead = $"127.0.0.1:{Built.FreePort()}";

        var (exit, output, error) = await InProcessClient.RunAsync("deposit", "acc-x", "5", "--gateway", dead);

        Assert.Equal(3, exit);
        Assert.Equal("", output);
        Assert.Contains(dead, error, StringComparison.Ordinal);
        Assert.Matches("retry with --op-id [0-9a-f]{32}: an operation id is applied at most once", error);
    }
}
