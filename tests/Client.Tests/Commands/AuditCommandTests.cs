using System.Text.Json;

namespace OrleansBank.Client.Tests.Commands;

public class AuditCommandTests(BankSiloFixture fixture) : IClassFixture<BankSiloFixture>
{
    private BankSilo Silo => fixture.Silo;

    [Fact]
    public async Task Audit_HealthySilo_PrintsTheIssuesJsonShapeAndExitsZero()
    {
        var prefix = $"au-{Guid.NewGuid():N}"[..12];

        var (exit, output, _) = await Silo.RunAsync("audit", "--accounts", "4", "--transfers", "60", "--concurrency", "4", "--prefix", prefix, "--json");

        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(
            ["accounts", "transfers", "posted", "declined", "retried", "totalBefore", "totalAfter", "negativeSeen", "pendingLeft", "anomalies"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, exit);
        Assert.Equal((4, 60, 60), (json.GetProperty("accounts").GetInt32(), json.GetProperty("transfers").GetInt32(), json.GetProperty("posted").GetInt32() + json.GetProperty("declined").GetInt32()));
        Assert.Equal((4000m, 4000m), (json.GetProperty("totalBefore").GetDecimal(), json.GetProperty("totalAfter").GetDecimal()));
        Assert.Equal((0, 0, 0), (json.GetProperty("negativeSeen").GetInt32(), json.GetProperty("pendingLeft").GetInt32(), json.GetProperty("anomalies").GetArrayLength()));
    }

    [Fact]
    public async Task Audit_PrefixAlreadyUsed_FindsTheTotalChangedAndExitsFive()
    {
        var prefix = $"au-{Guid.NewGuid():N}"[..12];
        await Silo.RunAsync("audit", "--accounts", "2", "--transfers", "1", "--prefix", prefix, "--json");
        // Money moved into the first account by hand: the books no longer match what the audit opened them with.
        await Silo.Grains.GetGrain<Grains.IAccountGrain>($"{prefix}-a0").Deposit(5m);

        var (exit, output, _) = await Silo.RunAsync("audit", "--accounts", "2", "--transfers", "1", "--prefix", prefix);

        Assert.Equal(5, exit);
        Assert.Contains("The books do not balance.", output, StringComparison.Ordinal);
        Assert.Contains("money was created", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_TransfersAndDuration_IsAUsageError()
    {
        var (exit, _, error) = await Silo.RunAsync("audit", "--transfers", "5", "--duration", "5");

        Assert.Equal(2, exit);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }
}
