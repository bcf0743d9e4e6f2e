using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Sqlite.SqliteClusterFile;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>The membership table: reads in one WAL snapshot, versioned writes under BEGIN IMMEDIATE.</summary>
internal sealed partial class SqliteClusterTables
{
    private const string Columns = "silo, status, silo_name, gateway, http, start_time, i_am_alive, suspect_times, etag";

    public Task<MembershipTableData> ReadAllAsync() => Run("read the membership table", connection =>
        Read(connection, $"SELECT {Columns} FROM membership WHERE cluster_id = $c ORDER BY silo;", ("$c", _clusterId)));

    public Task<MembershipTableData> ReadRowAsync(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Run("read a membership row", connection =>
            Read(connection, $"SELECT {Columns} FROM membership WHERE cluster_id = $c AND silo = $s;", ("$c", _clusterId), ("$s", silo.ToString())));
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return Run("insert a membership row", connection => Versioned(connection, version, transaction => Execute(
            connection,
            transaction,
            $"""
            INSERT INTO membership ({Columns}, cluster_id)
            VALUES ($s, $status, $name, $gateway, $http, $start, $alive, $votes, $etag, $c)
            ON CONFLICT DO NOTHING;
            """,
            RowParameters(entry)) == 1));
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        return Run("update a membership row", connection => Versioned(connection, version, transaction =>
        {
            var updated = Execute(
                connection,
                transaction,
                """
                UPDATE membership SET status = $status, silo_name = $name, gateway = $gateway, http = $http,
                    start_time = $start, i_am_alive = $alive, suspect_times = $votes, etag = $etag
                WHERE cluster_id = $c AND silo = $s AND etag = $old;
                """,
                [.. RowParameters(entry), ("$old", etag)]) == 1;
            if (updated && entry.Status == SiloStatus.Dead)
            {
                Execute(connection, transaction, "DELETE FROM grain_directory WHERE cluster_id = $c AND silo = $s;", ("$c", _clusterId), ("$s", entry.SiloAddress.ToString()));
            }

            return updated;
        }));
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Run("write a heartbeat", connection => Execute(
            connection,
            null,
            "UPDATE membership SET i_am_alive = $alive WHERE cluster_id = $c AND silo = $s;",
            ("$alive", entry.IAmAliveTime.ToUnixTimeMilliseconds()),
            ("$c", _clusterId),
            ("$s", entry.SiloAddress.ToString())));
    }

    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset before) => Run("clean up defunct silos", connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        (string, object?)[] parameters = [("$c", _clusterId), ("$active", (int)SiloStatus.Active), ("$before", before.ToUnixTimeMilliseconds())];
        const string Defunct = "cluster_id = $c AND status <> $active AND i_am_alive < $before";
        Execute(connection, transaction, $"DELETE FROM grain_directory WHERE cluster_id = $c AND silo IN (SELECT silo FROM membership WHERE {Defunct});", parameters);
        var deleted = Execute(connection, transaction, $"DELETE FROM membership WHERE {Defunct};", parameters);
        transaction.Commit();
        return deleted;
    });

    public Task DeleteMembershipTableEntriesAsync(string clusterId)
    {
        if (ClusterOptionsValidator.Problem(clusterId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(clusterId));
        }

        return Run("delete a cluster's rows", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, "DELETE FROM grain_directory WHERE cluster_id = $c;", ("$c", clusterId));
            Execute(connection, transaction, "DELETE FROM membership WHERE cluster_id = $c;", ("$c", clusterId));
            Bump(connection, transaction, clusterId);
            transaction.Commit();
            if (clusterId == _clusterId)
            {
                SignalLocalChange();
            }

            return 0;
        });
    }

    /// <summary>
    /// The atomic step: under BEGIN IMMEDIATE (the file's one write lock, taken before the first read), checks the
    /// version etag, runs <paramref name="write"/>, and bumps the version; any refusal rolls everything back.
    /// </summary>
    private bool Versioned(SqliteConnection connection, TableVersion version, Func<SqliteTransaction, bool> write)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (TableVersion.Stored(StoredVersion(connection, transaction)).ETag != version.ETag || !write(transaction))
        {
            transaction.Rollback();
            return false;
        }

        Bump(connection, transaction, _clusterId);
        transaction.Commit();
        SignalLocalChange();
        return true;
    }

    private long StoredVersion(SqliteConnection connection, SqliteTransaction? transaction) =>
        Scalar(connection, transaction, "SELECT version FROM membership_version WHERE cluster_id = $c;", ("$c", _clusterId)) is long version ? version : 0;

    private static void Bump(SqliteConnection connection, SqliteTransaction transaction, string clusterId) => Execute(
        connection,
        transaction,
        "INSERT INTO membership_version (cluster_id, version) VALUES ($c, 1) ON CONFLICT (cluster_id) DO UPDATE SET version = version + 1;",
        ("$c", clusterId));

    /// <summary>The version and the rows from one snapshot: a deferred transaction in WAL mode reads one consistent state.</summary>
    private MembershipTableData Read(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = StoredVersion(connection, transaction);
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<(MembershipEntry, string)>();
        while (reader.Read())
        {
            rows.Add((new MembershipEntry
            {
                SiloAddress = SiloAddress.Parse(reader.GetString(0)),
                Status = (SiloStatus)reader.GetInt32(1),
                SiloName = reader.GetString(2),
                GatewayEndpoint = reader.IsDBNull(3) ? null : reader.GetString(3),
                HttpEndpoint = reader.IsDBNull(4) ? null : reader.GetString(4),
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                IAmAliveTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                SuspectTimes = SuspicionVote.ParseList(reader.GetString(7)),
            }, reader.GetString(8)));
        }

        transaction.Commit();
        return new MembershipTableData(rows, TableVersion.Stored(version));
    }

    private (string, object?)[] RowParameters(MembershipEntry entry) =>
    [
        ("$c", _clusterId),
        ("$s", entry.SiloAddress.ToString()),
        ("$status", (int)entry.Status),
        ("$name", entry.SiloName),
        ("$gateway", entry.GatewayEndpoint),
        ("$http", entry.HttpEndpoint),
        ("$start", entry.StartTime.ToUnixTimeMilliseconds()),
        ("$alive", entry.IAmAliveTime.ToUnixTimeMilliseconds()),
        ("$votes", SuspicionVote.Format(entry.SuspectTimes)),
        ("$etag", Guid.NewGuid().ToString("N")),
    ];
}
