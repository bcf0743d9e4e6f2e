using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests;

/// <summary>SIGKILL a silo on SQLite in the middle of a storm: no acknowledged operation may be lost or applied twice.</summary>
public sealed class CrashTests : IDisposable
{
    private const decimal Opening = 1_000m;
    private const int Operations = 400;
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"crash-{Guid.NewGuid():N}");
    private readonly int _siloPort = Built.FreePort();

    [Fact]
    public async Task SigkillMidStorm_Restart_EveryAcknowledgedOperationKept_RetriesApplyAtMostOnce()
    {
        var gatewayPort = Built.FreePort();
        var account = $"crash-{Guid.NewGuid():N}";
        var operations = Enumerable.Range(0, Operations)
            .Select(i => (Id: $"op-{i}", Deposit: i % 3 == 0, Amount: 1m + (i % 7)))
            .ToArray();
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();

        await using (var silo = await StartSiloAsync(gatewayPort))
        {
            using var client = await ConnectAsync(gatewayPort);
            var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<IAccountGrain>(account);
            await grain.Open("crash", Opening, "open");
            var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var inFlight = new SemaphoreSlim(16);
            var storm = Task.WhenAll(operations.Select(async op =>
            {
                await inFlight.WaitAsync();
                try
                {
                    // What the caller was told: applied (deposit, approved withdrawal) or declined.
                    acknowledged[op.Id] = op.Deposit ? (await grain.Deposit(op.Amount, op.Id)) is not null : (await grain.Withdraw(op.Amount, op.Id)).Approved;
                    if (acknowledged.Count >= Operations / 4)
                    {
                        enoughAcknowledged.TrySetResult();
                    }
                }
                catch (SiloUnavailableException)
                {
                    // Not acknowledged: it may or may not have been applied. The retry below decides.
                }
                finally
                {
                    inFlight.Release();
                }
            }));

            await enoughAcknowledged.Task.WaitAsync(Poll.DefaultTimeout);
            silo.Process.Process.Kill(); // SIGKILL: no shutdown, no flush, mid-storm
            await silo.Process.WaitForExitAsync();
            await storm.WaitAsync(Poll.DefaultTimeout);
        }

        Assert.InRange(acknowledged.Count, Operations / 4, Operations - 1);

        await using var restarted = await StartSiloAsync(gatewayPort);
        using var again = await ConnectAsync(gatewayPort);
        var recovered = again.Services.GetRequiredService<IClusterClient>().GetGrain<IAccountGrain>(account);
        var before = await recovered.GetStatement();

        var applied = before.Entries.Select(e => e.OperationId).ToHashSet();
        foreach (var (id, wasApplied) in acknowledged)
        {
            Assert.True(applied.Contains(id) == wasApplied, $"{id} was acknowledged as {(wasApplied ? "applied" : "declined")} but the ledger says otherwise");
        }

        foreach (var op in operations.Where(o => acknowledged.TryGetValue(o.Id, out var a) && !a))
        {
            Assert.False((await recovered.Withdraw(op.Amount, op.Id)).Approved, $"{op.Id} was declined before the crash; its repeat must say so too");
        }

        foreach (var op in operations.Where(o => !acknowledged.ContainsKey(o.Id)))
        {
            _ = op.Deposit ? await recovered.Deposit(op.Amount, op.Id) : (object)await recovered.Withdraw(op.Amount, op.Id);
        }

        var after = await recovered.GetStatement();
        Assert.All(after.Entries.GroupBy(e => e.OperationId), g => Assert.Single(g));
        var deposits = after.Entries.Where(e => e.Kind == LedgerEntryKind.Deposit).Sum(e => e.Amount);
        var withdrawals = after.Entries.Where(e => e.Kind == LedgerEntryKind.Withdrawal).Sum(e => e.Amount);
        Assert.Equal(deposits - withdrawals, after.Balance);
        Assert.Equal(Opening, after.Entries[0].Amount);
        Assert.All(operations.Where(o => o.Deposit), o => Assert.Contains(after.Entries, e => e.OperationId == o.Id));
        Assert.True(after.Balance >= 0m);
        Assert.Equal(after.Balance, await recovered.GetBalance());
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<IHost> ConnectAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // The same silo and gateway ports before and after the crash: the restart is a new generation of the same member,
    // which writes its predecessor dead as it joins, so the grains that lived there come back at once.
    private Task<SiloProcess> StartSiloAsync(int gatewayPort) => SiloProcess.StartAsync(
        new Dictionary<string, string> { ["ORLEANSBANK_Silo__GatewayPort"] = $"{gatewayPort}", ["ORLEANSBANK_Silo__SiloPort"] = $"{_siloPort}" },
        "--storage", "sqlite", "--data", _data);
}
