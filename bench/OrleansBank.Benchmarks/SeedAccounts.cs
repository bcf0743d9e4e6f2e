using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>Opens many accounts with a few ledger entries each through a silo's gateway, for the download benchmark.</summary>
internal static class SeedAccounts
{
    public static async Task RunAsync(string gateway, int count, string prefix)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseStaticClustering(gateway));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        using var limit = new SemaphoreSlim(256);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await limit.WaitAsync();
            try
            {
                var account = client.GetGrain<IAccountGrain>($"{prefix}{i}");
                await account.Open($"owner {i}", 1000m, $"open-{i}");
                for (var n = 0; n < 20; n++)
                {
                    await account.Deposit(n + 1.25m, $"seed-{i}-{n}");
                }
            }
            finally
            {
                limit.Release();
            }
        }));
        await host.StopAsync();
    }
}
