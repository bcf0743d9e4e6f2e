using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>The silo's warm-up of the accounts' cold path: it reads, changes nothing, and never stops a start.</summary>
public class AccountWarmUpTests
{
    private static readonly GrainId WarmUpAccount = new(AccountGrain.GrainTypeName, "$warm-up");

    [Theory]
    [InlineData(1000)]
    [InlineData(1)] // a window smaller than the warm-up's history: its check must not read the window
    public async Task Start_ActivatesAnAccountNoOneCanOpen_WhichReadsTheStore_WritesNothing_AndIsLetGo(int recentWindow)
    {
        await using var bank = await BankCluster.StartAsync(configure: s => s.AddAccountOptions(o => o.RecentWindow = recentWindow).AddAccountWarmUp());

        Assert.Contains(WarmUpAccount, bank.Storage.LogsRead);
        Assert.Contains(bank.Cluster.Log.Lines, l => l.Contains("Accounts warmed up in", StringComparison.Ordinal));
        Assert.DoesNotContain(bank.Cluster.Log.Lines, l => l.Contains("warm-up failed", StringComparison.Ordinal));
        await Poll.UntilAsync(() => bank.Cluster.ActivationCount == 0, "the warm-up's activation of a never-opened account to be let go");
        Assert.Equal(0, bank.Storage.Writes);

        var open = await Assert.ThrowsAsync<ArgumentException>(() => bank.Grains.GetGrain<IAccountGrain>("$warm-up").Open("Ada", 10m));
        Assert.Contains("breaks the rule", open.Message);
    }

    [Fact]
    public async Task Start_WhenTheStoreDoesNotAnswer_GivesUpAfterItsMaxWait_AndTheSiloStarts()
    {
        var time = new ManualTimeProvider();
        var storage = new FlakyStorage { HoldLogReads = true };
        var starting = BankCluster.StartAsync(storage, time: time, configure: s => s.AddAccountOptions().AddAccountWarmUp());
        await storage.LogReadHeld.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(starting.IsCompleted, "the silo must not report itself started while its warm-up waits");

        time.Advance(TimeSpan.FromSeconds(5));
        await using var bank = await starting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(bank.Cluster.Log.Lines, l => l.Contains("The accounts' warm-up failed", StringComparison.Ordinal) && l.Contains("TimeoutException", StringComparison.Ordinal));
        storage.ReleaseLogReads();
    }

    [Fact]
    public async Task AddAccountWarmUp_Twice_WarmsUpOnce()
    {
        await using var bank = await BankCluster.StartAsync(configure: s => s.AddAccountOptions().AddAccountWarmUp().AddAccountWarmUp());

        Assert.Single(bank.Cluster.Log.Lines, l => l.Contains("Accounts warmed up in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WarmUpTurnedOff_ReadsNothing()
    {
        await using var bank = await BankCluster.StartAsync(configure: s => s.AddAccountOptions(o => o.WarmUpAtStart = false).AddAccountWarmUp());

        Assert.Empty(bank.Storage.LogsRead);
        Assert.DoesNotContain(bank.Cluster.Log.Lines, l => l.Contains("Accounts warmed up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WhenTheStoreCannotBeRead_LogsThatTheWarmUpFailed_AndTheSiloServesOnceItCan()
    {
        var storage = new FlakyStorage { FailLogReadsWith = new GrainStorageException("The store is away (test).") };

        await using var bank = await BankCluster.StartAsync(storage, configure: s => s.AddAccountOptions().AddAccountWarmUp());

        Assert.Contains(bank.Cluster.Log.Lines, l => l.Contains("The accounts' warm-up failed; the first account calls will be slower", StringComparison.Ordinal)
            && l.Contains("The store is away (test).", StringComparison.Ordinal));
        storage.FailLogReadsWith = null;
        var account = await bank.OpenAsync(25m);
        Assert.Equal(25m, await account.GetBalance());
    }
}
