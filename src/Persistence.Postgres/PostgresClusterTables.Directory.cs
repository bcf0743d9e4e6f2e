using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Postgres.PostgresClusterSql;

namespace OrleansBank.Persistence.Postgres;

/// <summary>
/// The grain directory: first writer wins through the primary key, and a registering silo holds a share lock on its
/// own membership row, so a concurrent write declaring it dead waits for the registration and then removes it.
/// </summary>
internal sealed partial class PostgresClusterTables
{
    public Task<GrainRegistration?> RegisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return Guard("register a grain", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var winner = await FindAsync(connection, registration.GrainId);
            if (winner is null)
            {
                var status = await Scalar(
                    connection,
                    "SELECT status FROM cluster_membership WHERE cluster_id = @c AND silo = @s FOR SHARE;",
                    ("c", _clusterId),
                    ("s", registration.Silo.ToString()));
                if (status is int known && known != (int)SiloStatus.Dead)
                {
                    var inserted = await Execute(
                        connection,
                        """
                        INSERT INTO cluster_grain_directory (cluster_id, grain_type, grain_key, silo, activation_id)
                        VALUES (@c, @t, @k, @s, @a) ON CONFLICT DO NOTHING;
                        """,
                        ("c", _clusterId),
                        ("t", registration.GrainId.Type),
                        ("k", registration.GrainId.Key),
                        ("s", registration.Silo.ToString()),
                        ("a", registration.ActivationId));

                    // Nothing inserted: a racer committed first, and this new statement sees its row.
                    winner = inserted == 1 ? registration : await FindAsync(connection, registration.GrainId);
                }
            }

            await transaction.CommitAsync();
            return winner;
        });
    }

    public Task<GrainRegistration?> LookupAsync(GrainId grainId) => Guard("look up a grain", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await FindAsync(connection, grainId);
    });

    public Task<bool> UnregisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return Guard("unregister a grain", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            return await Execute(
                connection,
                """
                DELETE FROM cluster_grain_directory
                WHERE cluster_id = @c AND grain_type = @t AND grain_key = @k AND silo = @s AND activation_id = @a;
                """,
                ("c", _clusterId),
                ("t", registration.GrainId.Type),
                ("k", registration.GrainId.Key),
                ("s", registration.Silo.ToString()),
                ("a", registration.ActivationId)) == 1;
        });
    }

    private async Task<GrainRegistration?> FindAsync(NpgsqlConnection connection, GrainId grainId)
    {
        await using var command = Command(
            connection,
            "SELECT silo, activation_id FROM cluster_grain_directory WHERE cluster_id = @c AND grain_type = @t AND grain_key = @k;",
            [("c", _clusterId), ("t", grainId.Type), ("k", grainId.Key)]);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new GrainRegistration(grainId, SiloAddress.Parse(reader.GetString(0)), reader.GetString(1)) : null;
    }
}
