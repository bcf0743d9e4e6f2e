using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Benchmarks;

/// <summary>
/// How long a 3-silo TestCluster takes to deploy and to dispose (Orleans issue #6865: 30 s to dispose): in-memory
/// transport, shared membership and storage, the bank's grains, one account opened through each silo before disposal.
/// </summary>
internal static class TestClusterRun
{
    private const int Runs = 10;

    public static async Task RunAsync()
    {
        var deploys = new double[Runs];
        var disposals = new double[Runs];
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var cluster = new TestClusterBuilder(3)
                .ConfigureSilo(silo => silo.AddGrainAssembly(typeof(AccountGrain).Assembly).AddMemoryGrainStorageAsDefault())
                .Build();
            await cluster.DeployAsync();
            deploys[run] = watch.Elapsed.TotalMilliseconds;
            foreach (var silo in cluster.Silos)
            {
                await silo.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>($"bench-{run}-{silo.Name}").Open("bench", 1m);
            }

            watch.Restart();
            await cluster.DisposeAsync();
            disposals[run] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(deploys);
        Array.Sort(disposals);
        Console.WriteLine($"3-silo TestCluster, {Runs} runs (the first includes JIT)");
        Console.WriteLine("| Step | p50 (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| Deploy | {deploys[Runs / 2]:F0} | {deploys[^1]:F0} |");
        Console.WriteLine($"| Dispose | {disposals[Runs / 2]:F0} | {disposals[^1]:F0} |");
    }
}
