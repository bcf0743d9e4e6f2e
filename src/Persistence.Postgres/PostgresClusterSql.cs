using Npgsql;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Persistence.Postgres;

/// <summary>Statements and error wording shared by the PostgreSQL cluster tables (membership, directory, reminders).</summary>
internal static class PostgresClusterSql
{
    /// <summary>Turns Npgsql's errors into a <see cref="ClusterTableException"/> naming what, the server, and what was being done.</summary>
    public static async Task<T> Guard<T>(string what, string server, string doing, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (PostgresException ex)
        {
            throw new ClusterTableException($"{what} at {server}: could not {doing}: PostgreSQL said {ex.SqlState}: {ex.MessageText}.", ex);
        }
        catch (NpgsqlException ex)
        {
            throw new ClusterTableException($"{what} at {server}: could not {doing}: PostgreSQL is unreachable ({ex.Message}).", ex);
        }
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> Execute(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> Scalar(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }
}
