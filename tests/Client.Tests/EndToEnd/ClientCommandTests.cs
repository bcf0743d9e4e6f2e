using System.Diagnostics;
using System.Text.Json;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.EndToEnd;

/// <summary>One real silo process for the class; every test runs the real client executable against it.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

public class ClientCommandTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private SiloProcess Silo => fixture.Silo;

    private static string NewAccount() => $"e2e-{Guid.NewGuid():N}";

    [Fact]
    public async Task OpenDepositWithdrawBalanceStatement_Json_ReportExactResults()
    {
        var id = NewAccount();

        var open = await Silo.ClientAsync("open", id, "--owner", "Ada", "--initial", "1000", "--op-id", "o1", "--json");
        var deposit = await Silo.ClientAsync("deposit", id, "250.50", "--op-id", "d1", "--json");
        var withdraw = await Silo.ClientAsync("withdraw", id, "600", "--op-id", "w1", "--json");
        var balance = await Silo.ClientAsync("balance", id, "--json");
        var statement = await Silo.ClientAsync("statement", id, "--json");

        Assert.All(new[] { open, deposit, withdraw, balance, statement }, r => Assert.Equal(0, r.Exit));
        Assert.Equal($$"""{"accountId":"{{id}}","owner":"Ada","status":"open","balance":1000,"operationId":"o1","replayed":false}""", open.Stdout.Trim());
        Assert.Equal("""{"operationId":"d1","amount":250.50,"balance":1250.50,"replayed":false}""", deposit.Stdout.Trim());
        Assert.Equal("""{"operationId":"w1","amount":600,"approved":true,"balance":650.50,"declineReason":null,"replayed":false}""", withdraw.Stdout.Trim());
        Assert.Equal($$"""{"accountId":"{{id}}","balance":650.50}""", balance.Stdout.Trim());
        var entries = JsonDocument.Parse(statement.Stdout).RootElement.GetProperty("entries");
        Assert.Equal(["deposit", "deposit", "withdrawal"], entries.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Withdraw_MoreThanBalance_IsDeclinedWithExitZero()
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id, "--initial", "10");

        var (exit, output, error) = await Silo.ClientAsync("withdraw", id, "11");

        Assert.Equal(0, exit);
        Assert.Contains("Declined", output);
        Assert.Contains("Insufficient funds", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Deposit_SameOpIdTwice_AppliesOnce()
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id);

        await Silo.ClientAsync("deposit", id, "5", "--op-id", "once");
        await Silo.ClientAsync("deposit", id, "5", "--op-id", "once");

        Assert.Contains("\"balance\":5", (await Silo.ClientAsync("balance", id, "--json")).Stdout);
    }

    [Theory]
    [InlineData(1, "balance", "{unknown}", "is not open")]
    [InlineData(2, "deposit", "{account}", "0.001", "write digits with an optional '.' and up to 2 decimals")]
    [InlineData(2, "deposit", "{account}", "0", "greater than 0")]
    [InlineData(2, "deposit", "{account}", "1000000000000.01", "at most 1,000,000,000,000")]
    [InlineData(2, "withdraw", "{account}", "1,5", "'1,5' is not an amount")]
    [InlineData(2, "open", "a/b", "--initial", "1", "account id 'a/b' breaks the rule")]
    [InlineData(1, "open", "{account}", "already open")]
    [InlineData(2, "deposit", "{account}", "abc", "is not an amount")]
    [InlineData(2, "deposit", "Missing <account> and <amount>")]
    [InlineData(2, "depositt", "{account}", "5", "did you mean 'deposit'?")]
    [InlineData(2, "open", "", "The account id is empty")]
    [InlineData(2, "fly", "fly")]
    public async Task BadInput_GetsOneClearErrorLineAndTheRightExitCode(int code, params string[] argsAndExpected)
    {
        var account = NewAccount();
        await Silo.ClientAsync("open", account, "--initial", "100");
        var expected = argsAndExpected[^1];
        var args = argsAndExpected[..^1].Select(a => a.Replace("{account}", account).Replace("{unknown}", NewAccount())).ToArray();

        var (exit, output, error) = await Silo.ClientAsync(args);

        Assert.Equal(code, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("\u001b", output + error);
        Assert.Contains("\"balance\":100", (await Silo.ClientAsync("balance", account, "--json")).Stdout);
    }

    [Fact]
    public async Task OperationId_ReusedForAnotherAmount_ExitsOneAndChangesNothing()
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id, "--initial", "100");
        await Silo.ClientAsync("deposit", id, "7", "--op-id", "dup");

        var (exit, _, error) = await Silo.ClientAsync("deposit", id, "8", "--op-id", "dup");

        Assert.Equal(1, exit);
        Assert.Contains("'dup' was already used for deposit 7", error);
        Assert.Contains("\"balance\":107", (await Silo.ClientAsync("balance", id, "--json")).Stdout);
    }

    [Theory]
    [InlineData("\\xff")]
    [InlineData("\\xfe")]
    public async Task Deposit_OpIdOfBytesThatAreNotUtf8_ExitsTwoAndChangesNothing(string bytes)
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id, "--initial", "100");

        // Only a shell can put bytes that are not UTF-8 on a command line; .NET reads them as U+FFFD.
        var (exit, error) = await RunInBash($"exec dotnet \"$0\" deposit \"$1\" 1 --op-id $'{bytes}' --gateway \"$2\"", Built.Client, id, Silo.Gateway);

        Assert.Equal(2, exit);
        Assert.Contains("The operation id '\\uFFFD' is not valid text (the command line had bytes that are not UTF-8)", error);
        Assert.Contains("\"balance\":100", (await Silo.ClientAsync("balance", id, "--json")).Stdout);
    }

    [Fact]
    public async Task Open_RepeatedOpIdAfterADeposit_ShowsTheOpeningBalance_OtherOwnerExitsOne()
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id, "--initial", "1000", "--op-id", "o-x");
        await Silo.ClientAsync("deposit", id, "5");

        var repeat = await Silo.ClientAsync("open", id, "--initial", "1000", "--op-id", "o-x", "--json");
        var mallory = await Silo.ClientAsync("open", id, "--owner", "mallory", "--initial", "1000", "--op-id", "o-x");

        Assert.Equal(0, repeat.Exit);
        Assert.Equal(1000m, JsonDocument.Parse(repeat.Stdout).RootElement.GetProperty("balance").GetDecimal());
        Assert.Equal(1, mallory.Exit);
        Assert.Contains("\"balance\":1005", (await Silo.ClientAsync("balance", id, "--json")).Stdout);
    }

    [Fact]
    public async Task AnyCommand_SiloUnreachable_ExitsThree()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Client, "balance", "x", "--gateway", $"localhost:{Built.FreePort()}");

        Assert.Equal(3, exit);
        Assert.Contains("Could not connect to a silo at", error);
    }

    [Fact]
    public async Task Storm_500WithdrawalsFrom100_Approves100AndConservesMoney()
    {
        var id = NewAccount();
        await Silo.ClientAsync("open", id, "--initial", "100");

        var (exit, output, _) = await Silo.ClientAsync("storm", id, "--count", "500", "--amount", "1", "--concurrency", "64", "--json");

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["approved", "declined", "balanceBefore", "balanceAfter", "conserved"], report.EnumerateObject().Take(5).Select(p => p.Name));
        Assert.Equal((100, 400, 100m, 0m, true), (report.GetProperty("approved").GetInt32(), report.GetProperty("declined").GetInt32(),
            report.GetProperty("balanceBefore").GetDecimal(), report.GetProperty("balanceAfter").GetDecimal(), report.GetProperty("conserved").GetBoolean()));
        Assert.True(report.GetProperty("latencyP99Ms").GetDouble() >= report.GetProperty("latencyP50Ms").GetDouble());
    }

    [Fact]
    public async Task Download_SeveralAccounts_WritesOneCsvEach_UnknownAccountExitsOne()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => NewAccount()).ToArray();
        foreach (var id in ids)
        {
            await Silo.ClientAsync("open", id, "--initial", "42");
        }

        var dir = Path.Combine(Path.GetTempPath(), $"dl-{Guid.NewGuid():N}");
        var ok = await RunningProcess.RunAsync(Built.Client, ["download", .. ids, "--out", dir, "--http", Silo.Http, "--json"]);
        var partly = await RunningProcess.RunAsync(Built.Client, "download", ids[0], "no-such-account", "--out", dir, "--http", Silo.Http);

        Assert.Equal(0, ok.Exit);
        var report = JsonDocument.Parse(ok.Stdout).RootElement;
        Assert.Equal(3, report.GetProperty("files").GetInt32());
        Assert.All(ids, id => Assert.StartsWith("sequence,operationId,kind,amount,balanceAfter,timestamp\n1,", File.ReadAllText(Path.Combine(dir, $"{id}.csv"))));
        Assert.Empty(Directory.GetFiles(dir, "*.partial"));
        Assert.Equal(1, partly.Exit);
        Assert.Contains("no-such-account", partly.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "no-such-account.csv")));
    }

    private static async Task<(int Exit, string Stderr)> RunInBash(string script, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", script, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TestingHost.Poll.DefaultTimeout);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    [Fact]
    public async Task Race_Json_PrintsThreeOutcomes()
    {
        var (exit, output, _) = await RunningProcess.RunAsync(Built.Client, "race", "--json");

        Assert.Equal(0, exit);
        Assert.StartsWith("""{"rawThreads":{"approved":[600,500],"declined":[],"finalBalance":-100},"lock":{""", output.Trim());
    }
}
