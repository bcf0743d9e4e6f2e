using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.Commands;

public class TransferCommandsTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task Transfer_WithId_PrintsTheIssuesJsonShapeAndExitsZero()
    {
        var (from, to) = (await Silo.OpenAsync(100m), await Silo.OpenAsync(5m));
        var id = $"t-{Guid.NewGuid():N}";

        var (exit, output, error) = await Silo.RunAsync("transfer", Key(from), Key(to), "30", "--id", id, "--json");

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal(
            $$"""{"transferId":"{{id}}","from":"{{Key(from)}}","to":"{{Key(to)}}","amount":30,"status":"posted","reason":null,"fromBalance":70,"toBalance":35,"replayed":false}""",
            output.Trim());
        Assert.Equal((70m, 35m), (await from.GetBalance(), await to.GetBalance()));
    }

    [Fact]
    public async Task Transfer_WithoutId_PrintsTheMintedIdBeforeTheResult()
    {
        var (from, to) = (await Silo.OpenAsync(100m), await Silo.OpenAsync(0m));

        var (exit, output, error) = await Silo.RunAsync("transfer", Key(from), Key(to), "1", "--json");

        var minted = Regex.Match(error, "^Transfer id ([0-9a-f]{32}) \\(if this does not finish, retry with --id \\1\\)").Groups[1].Value;
        Assert.Equal(0, exit);
        Assert.NotEqual("", minted);
        Assert.Equal(minted, JsonDocument.Parse(output).RootElement.GetProperty("transferId").GetString());
    }

    [Fact]
    public async Task Transfer_Shortfall_IsDeclinedWithExitZero()
    {
        var (from, to) = (await Silo.OpenAsync(10m), await Silo.OpenAsync(0m));

        var (exit, output, _) = await Silo.RunAsync("transfer", Key(from), Key(to), "11", "--json");

        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, exit);
        Assert.Equal("declined", json.GetProperty("status").GetString());
        Assert.Contains("Insufficient funds", json.GetProperty("reason").GetString());
        Assert.Equal((10m, 0m), (await from.GetBalance(), await to.GetBalance()));
    }

    [Fact]
    public async Task Transfer_SameIdTwice_ShowsTheRepeatAndMovesMoneyOnce()
    {
        var (from, to) = (await Silo.OpenAsync(100m), await Silo.OpenAsync(0m));
        var id = $"t-{Guid.NewGuid():N}";
        await Silo.RunAsync("transfer", Key(from), Key(to), "30", "--id", id);

        var (exit, output, _) = await Silo.RunAsync("transfer", Key(from), Key(to), "30", "--id", id);

        Assert.Equal(0, exit);
        Assert.Contains("posted", output);
        Assert.Contains("a repeat of this transfer id", output);
        Assert.Equal((70m, 30m), (await from.GetBalance(), await to.GetBalance()));
    }

    [Fact]
    public async Task Transfer_ToItselfOrToAnUnopenedAccount_ExitsOneAndChangesNothing()
    {
        var from = await Silo.OpenAsync(100m);

        var self = await Silo.RunAsync("transfer", Key(from), Key(from), "10", "--id", $"t-{Guid.NewGuid():N}");
        var ghost = await Silo.RunAsync("transfer", Key(from), $"ghost-{Guid.NewGuid():N}", "10", "--id", $"t-{Guid.NewGuid():N}");

        Assert.Equal((1, ""), (self.Exit, self.Out));
        Assert.Contains("cannot transfer to itself", self.Err);
        Assert.DoesNotContain("Parameter", self.Err);
        Assert.Equal((1, ""), (ghost.Exit, ghost.Out));
        Assert.Contains("is not open", ghost.Err);
        Assert.Equal(100m, await from.GetBalance());
    }

    [Fact]
    public async Task Transfer_BadId_ExitsTwoWithoutSending()
    {
        var (exit, output, error) = await Silo.RunAsync("transfer", "a", "b", "10", "--id", "has space");

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains("transfer id", error);
    }

    [Fact]
    public async Task Transfer_SiloUnreachable_ExitsThreeNamingTheIdToRetryWith()
    {
        var (exit, _, error) = await InProcessClient.RunAsync("transfer", "a", "b", "10", "--id", "t-retry-me", "--gateway", $"127.0.0.1:{Built.FreePort()}");

        Assert.Equal(3, exit);
        Assert.Contains("retry with --id t-retry-me", error);
    }

    [Fact]
    public async Task TransferStatus_AfterATransfer_ShowsItsOutcome_AndAnUnknownIdExitsOne()
    {
        var (from, to) = (await Silo.OpenAsync(100m), await Silo.OpenAsync(0m));
        var id = $"t-{Guid.NewGuid():N}";
        await Silo.RunAsync("transfer", Key(from), Key(to), "30", "--id", id);

        var (exit, output, _) = await Silo.RunAsync("transfer-status", id, "--json");
        var unknown = await Silo.RunAsync("transfer-status", $"t-{Guid.NewGuid():N}");

        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, exit);
        Assert.Equal(("completed", "posted"), (json.GetProperty("step").GetString(), json.GetProperty("decision").GetString()));
        Assert.Equal(70m, json.GetProperty("result").GetProperty("fromBalance").GetDecimal());
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("No transfer is recorded", unknown.Out);
    }

    private static string Key(IAccountGrain account) => account.GetPrimaryKeyString();
}
