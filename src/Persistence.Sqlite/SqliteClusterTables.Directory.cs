using Microsoft.Data.Sqlite;
using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using static OrleansBank.Persistence.Sqlite.SqliteClusterFile;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>The grain directory: first writer wins under BEGIN IMMEDIATE, and only a live member may write.</summary>
internal sealed partial class SqliteClusterTables
{
    public Task<GrainRegistration?> RegisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return Run("register a grain", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var winner = Find(connection, transaction, registration.GrainId);
            if (winner is null && IsLiveMember(connection, transaction, registration.Silo))
            {
                Execute(
                    connection,
                    transaction,
                    "INSERT INTO grain_directory (cluster_id, grain_type, grain_key, silo, activation_id) VALUES ($c, $t, $k, $s, $a);",
                    ("$c", _clusterId),
                    ("$t", registration.GrainId.Type),
                    ("$k", registration.GrainId.Key),
                    ("$s", registration.Silo.ToString()),
                    ("$a", registration.ActivationId));
                winner = registration;
            }

            transaction.Commit();
            return winner;
        });
    }

    public Task<GrainRegistration?> LookupAsync(GrainId grainId) =>
        Run("look up a grain", connection => Find(connection, null, grainId));

    public Task<bool> UnregisterAsync(GrainRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return Run("unregister a grain", connection => Execute(
            connection,
            null,
            "DELETE FROM grain_directory WHERE cluster_id = $c AND grain_type = $t AND grain_key = $k AND silo = $s AND activation_id = $a;",
            ("$c", _clusterId),
            ("$t", registration.GrainId.Type),
            ("$k", registration.GrainId.Key),
            ("$s", registration.Silo.ToString()),
            ("$a", registration.ActivationId)) == 1);
    }

    private GrainRegistration? Find(SqliteConnection connection, SqliteTransaction? transaction, GrainId grainId)
    {
        using var command = Command(
            connection,
            transaction,
            "SELECT silo, activation_id FROM grain_directory WHERE cluster_id = $c AND grain_type = $t AND grain_key = $k;",
            [("$c", _clusterId), ("$t", grainId.Type), ("$k", grainId.Key)]);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new GrainRegistration(grainId, SiloAddress.Parse(reader.GetString(0)), reader.GetString(1)) : null;
    }

    private bool IsLiveMember(SqliteConnection connection, SqliteTransaction transaction, SiloAddress silo) =>
        Scalar(connection, transaction, "SELECT status FROM membership WHERE cluster_id = $c AND silo = $s;", ("$c", _clusterId), ("$s", silo.ToString()))
            is long status && status != (long)SiloStatus.Dead;
}
