using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using OrleansBank.Silo.Configuration;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests;

/// <summary>The silo executable, started as people start it.</summary>
public class SiloProcessTests
{
    [Fact]
    public async Task Help_ListsEveryOptionWithItsEnvironmentVariable_ExitsZero()
    {
        var (exit, output, _) = await RunningProcess.RunAsync(Built.Silo, "--help");

        Assert.Equal(0, exit);
        foreach (var expected in new[] { "--gateway-port", "--silo-port", "--http-port", "--listen", "ORLEANSBANK_Silo__GatewayPort", "appsettings.json" })
        {
            Assert.Contains(expected, output);
        }
    }

    [Theory]
    [InlineData("--bogus", "unknown option --bogus")]
    [InlineData("--gateway-port=abc", "abc")]
    [InlineData("--http-port=70000", "between 0 and 65535")]
    [InlineData("--listen nothere", "--listen 'nothere' is not valid: an IP address")]
    [InlineData("--http-port abc", "--http-port 'abc' is not valid: a whole number between 0 and 65535")]
    [InlineData("--http-port", "--http-port needs a value")]
    [InlineData("--silo-port -1", "--silo-port '-1' is not valid")]
    [InlineData("--gateway-prot 1", "did you mean --gateway-port?")]
    [InlineData("--advertise 0.0.0.0", "--advertise '0.0.0.0' is not valid: the IP address or host name other silos and clients reach this silo on")]
    [InlineData("--advertise bad_host!", "--advertise 'bad_host!' is not valid")]
    public async Task BadOption_ExitsTwoWithOneClearLine(string option, string expected)
    {
        var (exit, output, error) = await RunningProcess.RunAsync(Built.Silo, option.Split(' '));

        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Exception", error + output);
    }

    [Fact]
    public async Task BadListenAddress_FromEnvironment_ExitsTwoNamingTheSetting()
    {
        await using var silo = RunningProcess.Start(Built.Silo, [], new Dictionary<string, string> { ["ORLEANSBANK_Silo__ListenAddress"] = "nothere" });

        Assert.Equal(2, await silo.WaitForExitAsync());
        Assert.Contains("The setting Silo:ListenAddress (ORLEANSBANK_Silo__ListenAddress, --listen) 'nothere' is not valid: an IP address", silo.Stderr);
        Assert.DoesNotContain("Exception", silo.Stderr + silo.Stdout);
    }

    [Fact]
    public async Task BadPort_FromEnvironment_ExitsTwoNamingTheSettingWithoutDotNetTypes()
    {
        await using var silo = RunningProcess.Start(Built.Silo, [], new Dictionary<string, string> { ["ORLEANSBANK_Silo__HttpPort"] = "abc" });

        Assert.Equal(2, await silo.WaitForExitAsync());
        Assert.Contains("The setting Silo:HttpPort (ORLEANSBANK_Silo__HttpPort, --http-port) 'abc' is not valid", silo.Stderr);
        Assert.DoesNotContain("System.", silo.Stderr);
    }

    [Fact]
    public async Task Version_PrintsTheInformationalVersion_ExitsZero()
    {
        var (exit, output, error) = await RunningProcess.RunAsync(Built.Silo, "--version");

        var expected = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Started_LogsWhereItListens_AndStopsCleanlyOnSigterm()
    {
        await using var silo = await SiloProcess.StartAsync();
        var (open, _, _) = await silo.ClientAsync("open", "sig", "--initial", "5");
        Assert.Equal(0, open);

        silo.Process.Terminate();
        var exit = await silo.Process.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.Contains($"Listening for gateway connections on 127.0.0.1:{silo.GatewayPort}", silo.Process.Stdout);
        Assert.Contains("Now listening on: http://127.0.0.1:", silo.Process.Stdout);
        Assert.Contains("Silo stopped; deactivated 1 activations", silo.Process.Stdout);
    }

    [Fact]
    public async Task GatewayPort_FromEnvironment_IsUsed()
    {
        var port = Built.FreePort();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["ORLEANSBANK_Silo__GatewayPort"] = $"{port}" });

        var (exit, _, _) = await silo.ClientAsync("open", "env", "--initial", "1");

        Assert.Equal(0, exit);
        Assert.Contains($"127.0.0.1:{port}", silo.Process.Stdout);
    }

    [Fact]
    public async Task Statements_OverHttp_AsCsvAndJson_UnknownAccountIs404WithJsonError()
    {
        await using var silo = await SiloProcess.StartAsync();
        await silo.ClientAsync("open", "web", "--owner", "Web", "--initial", "100", "--op-id", "first");
        await silo.ClientAsync("withdraw", "web", "30.25", "--op-id", "w,1");
        using var http = new HttpClient { BaseAddress = new Uri(silo.Http) };

        var csv = await http.GetStringAsync("/accounts/web/statement.csv");
        var json = JsonDocument.Parse(await http.GetStringAsync("/accounts/web/statement.json")).RootElement;
        var missing = await http.GetAsync("/accounts/nobody/statement.json");

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("sequence,operationId,kind,amount,balanceAfter,timestamp", lines[0]);
        Assert.StartsWith("1,first,deposit,100,100,", lines[1]);
        Assert.StartsWith("2,\"w,1\",withdrawal,30.25,69.75,", lines[2]);
        Assert.Equal(69.75m, json.GetProperty("balance").GetDecimal());
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(2, json.GetProperty("entries").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("'nobody' is not open", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal("healthy", JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GarbageOnTheGateway_IsWarnedAboutAndCutOff_SiloKeepsServing()
    {
        await using var silo = await SiloProcess.StartAsync();
        await silo.ClientAsync("open", "steady", "--initial", "10");

        using (var peer = new TcpClient())
        {
            await peer.ConnectAsync(IPAddress.Loopback, silo.GatewayPort);
            await peer.GetStream().WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
            var buffer = new byte[16];
            Assert.Equal(0, await peer.GetStream().ReadAsync(buffer).AsTask().WaitAsync(Poll.DefaultTimeout));
        }

        var (exit, output, _) = await silo.ClientAsync("balance", "steady", "--json");
        Assert.Equal(0, exit);
        Assert.Contains("\"balance\":10", output);
        await Poll.UntilAsync(() => silo.Process.Stdout.Contains("over the limit"), "the silo's warning about the oversized frame");
    }
}

/// <summary>The silo on durable storage: balances outlive the process; an unusable store stops it at start.</summary>
public sealed class SiloSqliteTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"silo-data-{Guid.NewGuid():N}");

    [Fact]
    public Task DurableStorage_Sqlite_BalanceAndStatement_SurviveARestart() => BalanceAndStatementSurviveARestartAsync("sqlite");

    [Fact]
    [Trait("Needs", "postgres")]
    public Task DurableStorage_Postgres_BalanceAndStatement_SurviveARestart() => BalanceAndStatementSurviveARestartAsync("postgres");

    private async Task BalanceAndStatementSurviveARestartAsync(string storage)
    {
        var account = $"durable-{Guid.NewGuid():N}";
        string[] options = storage == "sqlite"
            ? ["--storage", "sqlite", "--data", _data]
            : ["--storage", "postgres", "--postgres", PostgresConnection()];
        await using (var first = await SiloProcess.StartAsync(null, options))
        {
            Assert.Equal(0, (await first.ClientAsync("open", account, "--initial", "100", "--op-id", "o1")).Exit);
            Assert.Equal(0, (await first.ClientAsync("withdraw", account, "40", "--op-id", "w1")).Exit);
            first.Process.Terminate();
            Assert.Equal(0, await first.Process.WaitForExitAsync());
        }

        await using var second = await SiloProcess.StartAsync(null, options);
        var (exit, output, _) = await second.ClientAsync("statement", account, "--json");

        Assert.Equal(0, exit);
        var statement = JsonDocument.Parse(output).RootElement;
        Assert.Equal(60m, statement.GetProperty("balance").GetDecimal());
        Assert.Equal(["o1", "w1"], statement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("operationId").GetString()));
    }

    [Fact]
    public async Task ByDefault_TheSiloKeepsAccountsInSqliteUnderDotData_AndTheySurviveARestart()
    {
        Directory.CreateDirectory(_data);
        await using (var first = await SiloProcess.StartWithDefaultDataAsync(_data))
        {
            Assert.Equal(0, (await first.ClientAsync("open", "kept", "--initial", "25", "--op-id", "o1")).Exit);
            first.Process.Terminate();
            Assert.Equal(0, await first.Process.WaitForExitAsync());
        }

        Assert.True(File.Exists(Path.Combine(_data, "data", "orleansbank.db")), "the default store is ./data/orleansbank.db");
        await using var second = await SiloProcess.StartWithDefaultDataAsync(_data);
        var (exit, output, _) = await second.ClientAsync("balance", "kept", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("\"balance\":25", output);
    }

    [Fact]
    public async Task DotnetRun_FromAnotherFolder_KeepsAccountsUnderThatFolder_NothingInTheSourceTree()
    {
        // As the README says to start it, but from a folder of the test's own: the data must land there, not in src/Silo.
        Directory.CreateDirectory(_data);
        var httpPort = Built.FreePort();
        var project = Path.Combine(Built.RepoRoot, "src", "Silo");
        await using var silo = RunningProcess.Start(
            "run",
            ["--no-build", "-c", Built.Configuration, "--project", project, "--", "--silo-port", "0", "--gateway-port", "0", "--http-port", $"{httpPort}"],
            workingDirectory: _data);
        using var http = new HttpClient();
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    return silo.Process.HasExited || (await http.GetAsync($"http://127.0.0.1:{httpPort}/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the silo started by dotnet run to answer /health",
            TimeSpan.FromSeconds(90));

        Assert.False(silo.Process.HasExited, $"dotnet run exited: {silo.Stdout} {silo.Stderr}");
        Assert.True(File.Exists(Path.Combine(_data, "data", "orleansbank.db")), $"no data/orleansbank.db under the folder dotnet run was started from, {_data}");
        Assert.False(Directory.Exists(Path.Combine(project, "data")), "dotnet run wrote a data folder inside src/Silo");
    }

    [Fact]
    public async Task Postgres_ServerUnreachable_SiloExitsNonZeroSayingSo()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(
            Built.Silo, "--storage", "postgres", "--postgres", "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=3",
            "--silo-port", "0", "--gateway-port", "0", "--http-port", "0");

        Assert.Equal(1, exit);
        Assert.Contains("is unreachable", error);
    }

    [Fact]
    public async Task Sqlite_DatabaseDamaged_SiloExitsNonZeroNamingTheFile()
    {
        Directory.CreateDirectory(_data);
        await File.WriteAllTextAsync(Path.Combine(_data, "orleansbank.db"), new string('x', 8192));

        var (exit, _, error) = await RunningProcess.RunAsync(
            Built.Silo, "--storage", "sqlite", "--data", _data, "--silo-port", "0", "--gateway-port", "0", "--http-port", "0");

        Assert.Equal(1, exit);
        Assert.Contains("orleansbank.db", error);
        Assert.Contains("not a SQLite database", error);
    }

    [Fact]
    public async Task Sqlite_ProviderSettingInvalid_SiloExitsWithCode2NamingTheSetting()
    {
        await using var silo = RunningProcess.Start(
            Built.Silo,
            ["--storage", "sqlite", "--data", _data, "--silo-port", "0", "--gateway-port", "0", "--http-port", "0"],
            new Dictionary<string, string> { ["ORLEANSBANK_GrainStorage__Default__MaxDatabaseSize"] = "0" });

        Assert.Equal(2, await silo.WaitForExitAsync());
        Assert.Contains("error: Grain storage 'Default': MaxDatabaseSize is 0", silo.Stderr);
    }

    private static string PostgresConnection() => Environment.GetEnvironmentVariable("ORLEANSBANK_POSTGRES") is { Length: > 0 } connection
        ? connection
        : throw new InvalidOperationException("ORLEANSBANK_POSTGRES is not set: run the tests with scripts/test.sh.");

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
