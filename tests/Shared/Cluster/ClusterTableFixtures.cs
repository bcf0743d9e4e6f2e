using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Tests.Cluster;

/// <summary>Rows and races the membership and directory contract suites share.</summary>
internal static class ClusterTableFixtures
{
    private static int _nextPort = 11000;

    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_763_790_000_000);

    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    /// <summary>A silo no other test uses (the port is only a name here; nothing listens on it).</summary>
    public static SiloAddress NewSilo() => new("127.0.0.1", Interlocked.Increment(ref _nextPort) % 50_000 + 1_024, 1_763_790_000_000);

    public static MembershipEntry Entry(SiloAddress silo, SiloStatus status = SiloStatus.Active) => new()
    {
        SiloAddress = silo,
        Status = status,
        SiloName = $"silo-{silo.Port}",
        GatewayEndpoint = $"127.0.0.1:{silo.Port + 1}",
        HttpEndpoint = $"http://127.0.0.1:{silo.Port + 2}",
        StartTime = Epoch,
        IAmAliveTime = Epoch.AddSeconds(1),
    };

    /// <summary>Inserts <paramref name="entry"/> on the current version, failing the test if the store refuses.</summary>
    public static async Task<string> InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        var read = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(entry, read.Version.Next()), $"inserting {entry.SiloAddress} on version {read.Version}");
        return (await table.ReadRowAsync(entry.SiloAddress)).Find(entry.SiloAddress)!.Value.ETag;
    }

    /// <summary>
    /// Starts <paramref name="count"/> calls that all wait at one gate, opens it only once every one is waiting, and
    /// returns their results: the calls really race, whatever the scheduler does.
    /// </summary>
    public static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            Interlocked.Increment(ref waiting);
            await gate.Task;
            return await call(i);
        })).ToArray();
        await TestingHost.Poll.UntilAsync(() => Volatile.Read(ref waiting) == count, $"all {count} racers to reach the gate");
        gate.SetResult();
        return await Task.WhenAll(racers);
    }
}
