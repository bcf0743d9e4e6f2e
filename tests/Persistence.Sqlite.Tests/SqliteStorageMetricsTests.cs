using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Persistence.Sqlite.Tests;

/// <summary>The SQLite store's commits and errors on the storage instruments, tagged store="sqlite".</summary>
public sealed class SqliteStorageMetricsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sqlite-metrics-{Guid.NewGuid():N}");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ConcurrentQueue<(string Name, double Value, object? Store)> _measurements = new();
    private readonly MeterListener _listener = new();
    private readonly StorageMetrics _metrics;

    public SqliteStorageMetricsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags[0].Value)));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Enqueue((i.Name, v, tags[0].Value)));
        _listener.Start();
        _metrics = new StorageMetrics(meters, TimeProvider.System);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AppendAsync_ThreeEvents_RecordsOneCommitOfThreeWithItsDuration(bool groupCommit)
    {
        await using var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = Path.Combine(_folder, "log.db"), GroupCommit = groupCommit }, _metrics);
        await storage.InitializeAsync(CancellationToken.None);

        await storage.AppendAsync("log", new GrainId("account", "a"), 0, ["one", "two", "three"]);

        Assert.Equal([3.0], Values("orleansbank.storage.commit.batch_size"));
        Assert.Single(Values("orleansbank.storage.commit.duration"));
        Assert.All(_measurements, m => Assert.Equal("sqlite", m.Store));
    }

    [Fact]
    public async Task InitializeAsync_FileIsNotADatabase_CountsOneStoreError()
    {
        var path = Path.Combine(_folder, "broken.db");
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(path, new string('x', 8192));
        await using var storage = new SqliteGrainStorage("test", new SqliteStorageOptions { DatabasePath = path }, _metrics);

        await Assert.ThrowsAsync<GrainStorageException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Equal([1.0], Values("orleansbank.storage.errors"));
    }

    private List<double> Values(string name) => [.. _measurements.Where(m => m.Name == name).Select(m => m.Value)];
}
