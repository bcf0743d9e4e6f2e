using System.Text.Json;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>
/// <c>statement</c> against a silo whose frame limit is far below the statement's size: the whole statement must
/// still come out, read page by page.
/// </summary>
public sealed class StatementCommandTests : IAsyncLifetime
{
    private const int Entries = 3_000;
    private const string Account = "big";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddMemoryGrainStorageAsDefault()
                // About 120 bytes an entry: the whole ledger is several frames, and so is a full page of 10,000.
                .Configure<ConnectionOptions>(o => o.MaxFrameSize = 64 * 1024))
            .UseClientTransport(TestClientTransport.Tcp)
            .Build();
        await _cluster.DeployAsync();
        var account = _cluster.GrainFactory.GetGrain<IAccountGrain>(Account);
        await account.Open("Ada", 0.01m, "o");
        for (var i = 2; i <= Entries; i++)
        {
            await account.Deposit(0.01m, $"d{i}");
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await Program.Run([.. args, "--gateway", _cluster.GatewayEndpoint!], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Statement_LedgerFarOverTheFrameLimit_Json_PagesThroughEveryEntry()
    {
        var (exit, output, error) = await Run("statement", Account, "--json");

        Assert.Equal("", error);
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal((Account, "Ada", "open"), (root.GetProperty("accountId").GetString(), root.GetProperty("owner").GetString(), root.GetProperty("status").GetString()));
        Assert.Equal(Entries * 0.01m, root.GetProperty("balance").GetDecimal());
        Assert.Equal(Entries, root.GetProperty("totalEntries").GetInt64());
        Assert.Equal(Enumerable.Range(1, Entries).Select(i => (long)i), root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Statement_LedgerFarOverTheFrameLimit_Table_PrintsEveryRowAndTheBalance()
    {
        var (exit, output, _) = await Run("statement", Account);

        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("big (Ada, open)", lines[0]);
        Assert.StartsWith("       # Operation", lines[1]);
        Assert.Equal(Entries, lines.Count(l => l.Contains(" Deposit ", StringComparison.Ordinal)));
        Assert.StartsWith($"    {Entries} d{Entries} ", lines[^2]);
        Assert.Equal("Balance $30.00 after 3,000 entries.", lines[^1]);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public async Task Statement_Last5_Json_PrintsTheLastFiveEntries()
    {
        var (exit, output, _) = await Run("statement", Account, "--last", "5", "--json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal([2996L, 2997L, 2998L, 2999L, 3000L], root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(Entries, root.GetProperty("totalEntries").GetInt64());
    }

    [Fact]
    public async Task Statement_AfterAndLimit_Json_PrintsThatPageAndWhereToGoOn()
    {
        var (exit, output, _) = await Run("statement", Account, "--after", "10", "--limit", "3", "--json");

        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal([11L, 12L, 13L], root.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(13, root.GetProperty("nextAfter").GetInt64());
        Assert.True(root.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Statement_AfterAndLimit_Table_SaysWhereToGoOn()
    {
        var (exit, output, _) = await Run("statement", Account, "--after", "10", "--limit", "3");

        Assert.Equal(0, exit);
        Assert.EndsWith("Entries 11 to 13 of 3,000; balance $30.00. More: --after 13.\n", output);
    }

    [Fact]
    public async Task Statement_UnknownAccount_ExitsOneSayingItIsNotOpen()
    {
        var (exit, _, error) = await Run("statement", "nobody", "--last", "5");

        Assert.Equal(1, exit);
        Assert.Contains("'nobody' is not open", error);
    }

    [Theory]
    [InlineData("--last", "0", "--last must be a whole number from 1 to 10,000")]
    [InlineData("--last", "10001", "--last must be a whole number from 1 to 10,000")]
    [InlineData("--limit", "0", "--limit must be a whole number from 1 to 10,000")]
    [InlineData("--after", "-1", "--after must be a sequence number, 0 or more")]
    [InlineData("--last", "five", "--last must be a whole number from 1 to 10,000; got 'five'")]
    [InlineData("--after", "x", "--after must be a sequence number, 0 or more (0 starts at the first entry); got 'x'")]
    [InlineData("--last", "5", "--after", "3", "--last cannot be combined with --after or --limit")]
    public async Task Statement_BadPagingValues_ExitTwoWithOneClearLine(params string[] argsAndExpected)
    {
        var (exit, output, error) = await Run(["statement", Account, .. argsAndExpected[..^1]]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(argsAndExpected[^1], error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
