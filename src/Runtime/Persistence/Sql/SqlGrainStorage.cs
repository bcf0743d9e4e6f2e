using System.Data;
using System.Data.Common;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Persistence;

/// <summary>
/// Provider SPI: grain state in a SQL table of (state name, grain id, data, etag) through ADO.NET, so every database
/// provider keeps the ETag contract with one copy of the code. Writes are single statements guarded by the ETag, so a
/// stale writer changes nothing; ETags are fresh random tokens, so a stale one never matches again.
/// </summary>
/// <param name="name">The provider's name, for errors.</param>
/// <param name="metrics">Where store errors are counted; null counts nothing.</param>
/// <param name="store">The kind of store, the <c>store</c> tag of the metrics ("sqlite", "postgres").</param>
public abstract class SqlGrainStorage(string name, StorageMetrics? metrics = null, string store = "sql") : IGrainStorage
{
    /// <summary>The provider's name, as registered with the silo.</summary>
    protected string Name { get; } = name;

    /// <summary>Where the provider records its commits and errors; null records nothing.</summary>
    protected StorageMetrics? Metrics { get; } = metrics;

    /// <summary>The provider's statements for grain state.</summary>
    protected abstract GrainStateSql StateSql { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("read", async () =>
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = Command(connection, StateSql.Read, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        await GrainStateRecord.ReadAsync(reader, grainState);
        return 0;
    });

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("write", async () =>
    {
        var data = GrainStateRecord.Serialize(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await OpenConnectionAsync();
        await using var command = Command(connection, grainState.ETag is null ? StateSql.Insert : StateSql.Update, stateName, grainId);
        Add(command, "@d", DbType.Binary, data);
        Add(command, "@new", DbType.String, etag);
        Add(command, "@old", DbType.String, grainState.ETag);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            await ThrowIfConflict(connection, "write", stateName, grainId, grainState.ETag, alwaysConflict: true);
        }

        GrainStateRecord.Stored(grainState, etag);
        return 0;
    });

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard("clear", async () =>
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = Command(connection, StateSql.Delete, stateName, grainId);
        Add(command, "@old", DbType.String, grainState.ETag);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            await ThrowIfConflict(connection, "clear", stateName, grainId, grainState.ETag);
        }

        GrainStateRecord.Absent(grainState);
        return 0;
    });

    /// <summary>Opens a connection to the store, ready for statements.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync();

    /// <summary>Runs a store operation; a provider whose driver blocks overrides this to keep it off the thread pool.</summary>
    protected virtual Task<TResult> RunAsync<TResult>(Func<Task<TResult>> action) => action();

    /// <summary>Where the store is, for errors (e.g. " data/orleansbank.db", with its leading space), or "".</summary>
    protected virtual string Location => "";

    /// <summary>Says in a few words what went wrong with the store, or null for an error this provider does not know.</summary>
    protected abstract string? Explain(DbException error);

    /// <summary>
    /// Runs <paramref name="action"/> through <see cref="RunAsync"/> and turns the driver's errors into one clear
    /// sentence naming the store, what it was doing and what went wrong.
    /// </summary>
    protected async Task<TResult> Guard<TResult>(string operation, Func<Task<TResult>> action)
    {
        try
        {
            return await RunAsync(action);
        }
        catch (DbException ex)
        {
            Metrics?.RecordError(store);
            if (Explain(ex) is { } what)
            {
                throw new GrainStorageException($"Grain storage '{Name}' could not {operation}{Location}: {what}.", ex);
            }

            throw;
        }
    }

    /// <summary>Nothing changed: that is a conflict unless the store agrees with the caller (clearing what is not there).</summary>
    private async Task ThrowIfConflict(
        DbConnection connection, string operation, string stateName, GrainId grainId, string? etag, bool alwaysConflict = false)
    {
        await using var command = Command(connection, StateSql.ReadETag, stateName, grainId);
        var stored = (string?)await command.ExecuteScalarAsync();
        if (alwaysConflict || stored != etag)
        {
            throw GrainStateRecord.Conflict(Name, operation, stateName, grainId, stored, etag);
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@s", DbType.String, stateName);
        Add(command, "@g", DbType.String, grainId.ToString());
        return command;
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
