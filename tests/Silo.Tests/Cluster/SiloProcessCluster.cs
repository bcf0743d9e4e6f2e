using System.Globalization;
using System.Text.Json;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests.Cluster;

/// <summary>Silo executables sharing one store (a data folder or a PostgreSQL database) and a cluster id.</summary>
internal sealed class SiloProcessCluster : IAsyncDisposable
{
    private readonly string[] _storeArgs;
    private readonly string? _ownedData;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private SiloProcessCluster(string[] storeArgs, string? ownedData)
    {
        _storeArgs = storeArgs;
        _ownedData = ownedData;
    }

    public List<SiloProcess> Silos { get; } = [];

    /// <summary>Silos sharing a fresh data folder (SQLite), deleted at the end.</summary>
    public static SiloProcessCluster SharingDataFolder(params string[] extraArgs)
    {
        var data = Path.Combine(Path.GetTempPath(), $"cluster-data-{Guid.NewGuid():N}");
        return new SiloProcessCluster(["--data", data, "--cluster-id", "test", .. extraArgs], data);
    }

    /// <summary>Silos sharing the PostgreSQL database of ORLEANSBANK_POSTGRES, under a cluster id of their own.</summary>
    public static SiloProcessCluster SharingPostgres()
    {
        var connection = Environment.GetEnvironmentVariable("ORLEANSBANK_POSTGRES") is { Length: > 0 } c
            ? c
            : throw new InvalidOperationException("ORLEANSBANK_POSTGRES is not set: run the tests with scripts/test.sh.");
        return new SiloProcessCluster(["--storage", "postgres", "--postgres", connection, "--cluster-id", $"test-{Guid.NewGuid():N}"], null);
    }

    public string DataFolder => _ownedData ?? throw new InvalidOperationException("This cluster shares PostgreSQL, not a data folder.");

    public string ClusterId => _storeArgs[Array.IndexOf(_storeArgs, "--cluster-id") + 1];

    /// <summary>Starts <paramref name="count"/> silos at once, each on free ports, and waits until each answers /health.</summary>
    public async Task StartAsync(int count)
    {
        Silos.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => SiloProcess.StartAsync(null, _storeArgs))));
    }

    /// <summary>GET /cluster of <paramref name="silo"/>, parsed.</summary>
    public async Task<JsonElement> ViewAsync(SiloProcess silo) =>
        JsonDocument.Parse(await _http.GetStringAsync($"{silo.Http}/cluster")).RootElement;

    /// <summary>The status <paramref name="view"/> gives the silo whose gateway is <paramref name="of"/>'s, or null.</summary>
    public static string? StatusOf(JsonElement view, SiloProcess of) =>
        view.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("gateway").GetString()?.EndsWith(":" + of.GatewayPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) == true)
            .Select(s => s.GetProperty("status").GetString())
            .LastOrDefault();

    /// <summary>Waits until <paramref name="observer"/>'s /cluster gives every silo of <paramref name="silos"/> <paramref name="status"/>.</summary>
    public Task UntilStatusAsync(SiloProcess observer, IEnumerable<SiloProcess> silos, string status, TimeSpan? timeout = null) =>
        Poll.UntilAsync(
            async () =>
            {
                var view = await ViewAsync(observer);
                return silos.All(s => StatusOf(view, s) == status);
            },
            $"{observer.Http}/cluster to show silos {string.Join(", ", silos.Select(s => s.Gateway))} {status}",
            timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            silo.Process.Terminate();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        _http.Dispose();
        if (_ownedData is not null && Directory.Exists(_ownedData))
        {
            Directory.Delete(_ownedData, recursive: true);
        }
    }
}
