using Npgsql;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Postgres.PostgresClusterSql;

namespace OrleansBank.Persistence.Postgres;

/// <summary>The membership table: versioned writes under the version row's lock, NOTIFY on every change.</summary>
internal sealed partial class PostgresClusterTables
{
    /// <summary>The NOTIFY channel; the payload is the cluster id, so each silo wakes only for its own cluster.</summary>
    internal const string Channel = "orleansbank_membership";

    private const string Columns = "m.silo, m.status, m.silo_name, m.gateway, m.http, m.start_time, m.i_am_alive, m.suspect_times, m.etag";

    // One statement reads the version and the rows, so they come from one snapshot.
    public Task<MembershipTableData> ReadAllAsync() => Guard("read the membership table", () => ReadAsync(
        $"""
        SELECT v.version, {Columns} FROM cluster_membership_version v
        LEFT JOIN cluster_membership m ON m.cluster_id = v.cluster_id
        WHERE v.cluster_id = @c ORDER BY m.silo COLLATE "C";
        """,
        ("c", _clusterId)));

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Guard("read a membership row", () => ReadAsync(
            $"""
            SELECT v.version, {Columns} FROM cluster_membership_version v
            LEFT JOIN cluster_membership m ON m.cluster_id = v.cluster_id AND m.silo = @s
            WHERE v.cluster_id = @c;
            """,
            ("c", _clusterId),
            ("s", silo.ToString())));
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return Guard("insert a membership row", () => VersionedAsync(version, async connection => await Execute(
            connection,
            """
            INSERT INTO cluster_membership (cluster_id, silo, status, silo_name, gateway, http, start_time, i_am_alive, suspect_times, etag)
            VALUES (@c, @s, @status, @name, @gateway, @http, @start, @alive, @votes, @etag)
            ON CONFLICT DO NOTHING;
            """,
            RowParameters(entry)) == 1));
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return Guard("update a membership row", () => VersionedAsync(version, async connection =>
        {
            var updated = await Execute(
                connection,
                """
                UPDATE cluster_membership SET status = @status, silo_name = @name, gateway = @gateway, http = @http,
                    start_time = @start, i_am_alive = @alive, suspect_times = @votes, etag = @etag
                WHERE cluster_id = @c AND silo = @s AND etag = @old;
                """,
                [.. RowParameters(entry), ("old", etag)]) == 1;
            if (updated && entry.Status == SiloStatus.Dead)
            {
                // After the row update, which holds the row lock a registering silo's FOR SHARE waits on: every
                // registration of this silo is committed and seen here, and none can follow.
                await Execute(connection, "DELETE FROM cluster_grain_directory WHERE cluster_id = @c AND silo = @s;", ("c", _clusterId), ("s", entry.SiloAddress.ToString()));
            }

            return updated;
        }));
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Guard("write a heartbeat", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            return await Execute(
                connection,
                "UPDATE cluster_membership SET i_am_alive = @alive WHERE cluster_id = @c AND silo = @s;",
                ("alive", entry.IAmAliveTime.ToUnixTimeMilliseconds()),
                ("c", _clusterId),
                ("s", entry.SiloAddress.ToString()));
        });
    }

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset before) => Guard("clean up defunct silos", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Rows first: their locks hold off registrations for these silos until the directory rows below are gone.
        var deleted = await Execute(
            connection,
            """
            WITH defunct AS (
                DELETE FROM cluster_membership WHERE cluster_id = @c AND status <> @active AND i_am_alive < @before RETURNING silo)
            DELETE FROM cluster_grain_directory d USING defunct WHERE d.cluster_id = @c AND d.silo = defunct.silo;
            """,
            ("c", _clusterId),
            ("active", (int)SiloStatus.Active),
            ("before", before.ToUnixTimeMilliseconds()));
        await transaction.CommitAsync();
        return deleted;
    });

    public Task DeleteMembershipTableEntriesAsync(string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        return Guard("delete a cluster's rows", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await Execute(connection, "DELETE FROM cluster_membership WHERE cluster_id = @c;", ("c", clusterId));
            await Execute(connection, "DELETE FROM cluster_grain_directory WHERE cluster_id = @c;", ("c", clusterId));
            await Execute(
                connection,
                """
                INSERT INTO cluster_membership_version (cluster_id, version) VALUES (@c, 1)
                ON CONFLICT (cluster_id) DO UPDATE SET version = cluster_membership_version.version + 1;
                SELECT pg_notify(@channel, @c);
                """,
                ("c", clusterId),
                ("channel", Channel));
            await transaction.CommitAsync();
            return 0;
        });
    }

    /// <summary>
    /// The atomic step: locks the version row, checks its etag, runs <paramref name="write"/> (which checks its own row
    /// count), bumps the version and notifies, all in one transaction; any refusal rolls everything back.
    /// </summary>
    private async Task<bool> VersionedAsync(TableVersion version, Func<NpgsqlConnection, Task<bool>> write)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await Scalar(connection, "SELECT version FROM cluster_membership_version WHERE cluster_id = @c FOR UPDATE;", ("c", _clusterId));
        if (stored is not long current || TableVersion.Stored(current).ETag != version.ETag || !await write(connection))
        {
            await transaction.RollbackAsync();
            return false;
        }

        await Execute(connection, "UPDATE cluster_membership_version SET version = version + 1 WHERE cluster_id = @c;", ("c", _clusterId));
        await Execute(connection, "SELECT pg_notify(@channel, @c);", ("c", _clusterId), ("channel", Channel));

        await transaction.CommitAsync();
        SignalChange();
        return true;
    }

    private async Task<MembershipTableData> ReadAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var version = 0L;
        var rows = new List<(MembershipEntry, string)>();
        while (await reader.ReadAsync())
        {
            version = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                continue; // the version row joined to no membership row
            }

            rows.Add((new MembershipEntry
            {
                SiloAddress = SiloAddress.Parse(reader.GetString(1)),
                Status = (SiloStatus)reader.GetInt32(2),
                SiloName = reader.GetString(3),
                GatewayEndpoint = reader.IsDBNull(4) ? null : reader.GetString(4),
                HttpEndpoint = reader.IsDBNull(5) ? null : reader.GetString(5),
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                IAmAliveTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                SuspectTimes = SuspicionVote.ParseList(reader.GetString(8)),
            }, reader.GetString(9)));
        }

        return new MembershipTableData(rows, TableVersion.Stored(version));
    }

    private (string, object?)[] RowParameters(MembershipEntry entry) =>
    [
        ("c", _clusterId),
        ("s", entry.SiloAddress.ToString()),
        ("status", (int)entry.Status),
        ("name", entry.SiloName),
        ("gateway", entry.GatewayEndpoint),
        ("http", entry.HttpEndpoint),
        ("start", entry.StartTime.ToUnixTimeMilliseconds()),
        ("alive", entry.IAmAliveTime.ToUnixTimeMilliseconds()),
        ("votes", SuspicionVote.Format(entry.SuspectTimes)),
        ("etag", Guid.NewGuid().ToString("N")),
    ];
}
