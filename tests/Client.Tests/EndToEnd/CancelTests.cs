using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Client.Tests.EndToEnd;

public class CancelTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task Storm_CtrlCWhileRunning_Exits130WithOneLineSayingHowToResume()
    {
        var id = $"cancel-{Guid.NewGuid():N}";
        Assert.Equal(0, (await Silo.ClientAsync("open", id, "--initial", "1000000")).Exit);
        await using var storm = RunningProcess.Start(
            Built.Client, ["storm", id, "--count", "200000", "--amount", "0.01", "--concurrency", "1", "--op-prefix", "cancelled", "--gateway", Silo.Gateway]);

        // Cancel only once withdrawals are running, which the balance shows.
        await Poll.UntilAsync(async () => await BalanceAsync(id) < 1_000_000m || storm.Process.HasExited, "the storm's first withdrawals");
        Assert.False(storm.Process.HasExited, $"the storm ended before it was cancelled: {storm.Stdout} {storm.Stderr}");
        _ = Kill(storm.Process.Id, InterruptSignal());
        var exit = await storm.WaitForExitAsync();

        Assert.Equal(130, exit);
        Assert.Single(storm.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: Cancelled: ", storm.Stderr);
        Assert.Contains("run it again with --op-prefix cancelled", storm.Stderr);
        Assert.DoesNotContain("   at ", storm.Stdout + storm.Stderr);
    }

    private async Task<decimal> BalanceAsync(string id)
    {
        var (_, output, _) = await Silo.ClientAsync("balance", id, "--json");
        return JsonDocument.Parse(output).RootElement.GetProperty("balance").GetDecimal();
    }

    /// <summary>
    /// SIGINT, as Ctrl+C sends, unless this test runs with SIGINT ignored (a job started in the background by a
    /// non-interactive shell): the client would inherit that and never see it. Then SIGTERM, which the client's
    /// parser turns into the same cancellation.
    /// </summary>
    private static int InterruptSignal()
    {
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ignored is null ? 0UL : ulong.Parse(ignored["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (SigInt - 1))) != 0 ? SigTerm : SigInt;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
