using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests;

/// <summary>
/// The bank on a 3-silo test cluster on a manual clock: one grain storage and one reminder table shared by every
/// silo. Heartbeats, probes and reminder polls run only as the test advances <see cref="Time"/>. Calls go from inside
/// a running silo, as grain code makes them, so any silo may be killed without losing the test's own connection.
/// </summary>
public sealed class ThreeSiloBank : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private ThreeSiloBank(TestCluster cluster, ManualTimeProvider time)
    {
        Cluster = cluster;
        Time = time;
    }

    public TestCluster Cluster { get; }

    public ManualTimeProvider Time { get; }

    /// <summary>The grain factory of the first silo running now.</summary>
    public IGrainFactory Grains => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    public static async Task<ThreeSiloBank> StartAsync(ITransferProbe? probe = null)
    {
        var time = new ManualTimeProvider();
        var reminders = new MemoryClusterStore();
        var cluster = new TestClusterBuilder(3)
            .UseTimeProvider(time)
            .ConfigureSilo(silo =>
            {
                // A probe's timeout runs on the manual clock too: long enough that no step of the test outruns a live
                // silo's answer. A killed silo is found at once anyway: its connections are refused.
                silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.IAmAliveStaleAfter, o.VoteExpiration) = (TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
                silo.AddGrainAssembly(typeof(AccountGrain).Assembly)
                    .AddMemoryGrainStorageAsDefault()
                    .AddMemoryReminderTable(reminders)
                    .AddReminderService(o => (o.PollInterval, o.LeaseDuration) = (TimeSpan.FromSeconds(1), Lease))
                    .AddTransferOptions(o => (o.ResumeDueTime, o.ResumePeriod) = (TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)));
                if (probe is not null)
                {
                    silo.ConfigureServices(s => s.AddSingleton(probe));
                }
            })
            .Build();
        await cluster.DeployAsync();
        return new ThreeSiloBank(cluster, time);
    }

    /// <summary>Moves the clock on by <paramref name="by"/>: each timer that comes due fires once.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Kills <paramref name="victim"/>, then moves the probes on until every survivor sees it dead.</summary>
    public async Task KillAsync(SiloHandle victim)
    {
        await Cluster.KillSiloAsync(victim);
        await Poll.UntilAsync(
            () =>
            {
                Time.Advance(TimeSpan.FromMilliseconds(100));
                return Cluster.Silos.All(s => s.ServiceProvider.GetRequiredService<ISiloStatusView>().IsDead(victim.SiloAddress));
            },
            $"the survivors to find {victim} dead as the manual clock moves the probes");
        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>The row of a grain's reminder in the shared table, or null once it is removed.</summary>
    public Task<ReminderEntry?> ReminderRowAsync(GrainId grain, string name) =>
        Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRowAsync(grain, name);

    public async Task OpenAsync(string id, decimal balance) => await Grains.GetGrain<IAccountGrain>(id).Open("Ada", balance);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
