using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Tests.Cluster;

namespace OrleansBank.Persistence.Postgres.Tests.Cluster;

/// <summary>
/// What PostgreSQL adds to the contract: a claim passes over rows another claimer holds locked instead of waiting for
/// them. The other claimer is a transaction held open here, so the interleaving is forced, not hoped for.
/// </summary>
public sealed class PostgresReminderTableClaimTests : IAsyncLifetime
{
    // Generous: a claim that waits for the held lock would wait until the test gives up on it.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Now = ClusterTableFixtures.Epoch.AddMinutes(10);

    private readonly string _clusterId = ClusterTableFixtures.NewClusterId();
    private PostgresReminderTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = new PostgresReminderTable(new PostgresClusterOptions { ConnectionString = PostgresServer.ConnectionString }, _clusterId);
        await _table.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM cluster_reminders WHERE cluster_id = @c;", connection);
        delete.Parameters.AddWithValue("c", _clusterId);
        await delete.ExecuteNonQueryAsync();
        await _table.DisposeAsync();
    }

    [Fact]
    public async Task ClaimDue_AnotherClaimerHoldsARowLocked_TakesTheOthersWithoutWaiting()
    {
        var (held, free) = (Reminder("held", Now.AddSeconds(-2)), Reminder("free", Now.AddSeconds(-1)));
        await _table.UpsertRowAsync(held);
        await _table.UpsertRowAsync(free);
        await using var other = new NpgsqlConnection(PostgresServer.ConnectionString);
        await other.OpenAsync();
        await using var otherClaim = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM cluster_reminders WHERE cluster_id = @c AND grain_key = 'held' FOR UPDATE;", other, otherClaim))
        {
            lockRow.Parameters.AddWithValue("c", _clusterId);
            await lockRow.ExecuteNonQueryAsync();
        }

        var claimed = await _table.ClaimDueAsync(ClusterTableFixtures.NewSilo(), Now, TimeSpan.FromSeconds(30), 10).WaitAsync(Deadline);

        Assert.Equal(free.GrainId, Assert.Single(claimed).GrainId);
        await otherClaim.RollbackAsync();
        Assert.Equal(held.GrainId, Assert.Single(await _table.ClaimDueAsync(ClusterTableFixtures.NewSilo(), Now, TimeSpan.FromSeconds(30), 10)).GrainId);
    }

    private static ReminderEntry Reminder(string key, DateTimeOffset due) => new()
    {
        GrainId = new GrainId("standing-order", key),
        ReminderName = "tick",
        StartAt = due,
        Period = TimeSpan.FromMinutes(1),
        DueTime = due,
    };
}
