namespace OrleansBank.Runtime;

/// <summary>Where a PostgreSQL grain storage provider keeps grain state.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string; scripts/postgres-up.sh prints one for a local server.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table holding grain state. Default: grain_state.</summary>
    public string TableName { get; set; } = "grain_state";

    /// <summary>Connections this silo opens at most, unless the connection string sets Max Pool Size. Default: 20.</summary>
    public int MaxConnections { get; set; } = 20;

    /// <summary>The table holding event logs. Default: event_log.</summary>
    public string EventLogTableName { get; set; } = "event_log";

    /// <summary>
    /// Group commit: event appends waiting at the same time share one transaction and one flush to disk. Default: true.
    /// False writes and flushes every event on its own, one at a time per log: slower, and only there to measure against.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
