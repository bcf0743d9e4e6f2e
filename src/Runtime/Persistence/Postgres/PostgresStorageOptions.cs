namespace OrleansBank.Runtime;

/// <summary>Where a PostgreSQL grain storage provider keeps grain state.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string; scripts/postgres-up.sh prints one for a local server.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The table holding grain state. Default: grain_state.</summary>
    public string TableName { get; set; } = "grain_state";
}
