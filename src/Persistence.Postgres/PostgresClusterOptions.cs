namespace OrleansBank.Runtime;

/// <summary>Where the PostgreSQL membership and directory tables live, for silos on many machines sharing one database.</summary>
public sealed class PostgresClusterOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Cluster:Postgres";

    /// <summary>An Npgsql connection string; scripts/postgres-up.sh prints one for a local server.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Connections the tables open at most, besides the one that listens; unless the string sets Max Pool Size. Default: 5.</summary>
    public int MaxConnections { get; set; } = 5;

    /// <summary>
    /// A waiter re-reads the version this often even without a notification: a safety net only, since every versioned
    /// write sends NOTIFY and a reconnected listener wakes its waiters. Default: 5 seconds.
    /// </summary>
    public TimeSpan ChangeFallbackPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the listener waits before reconnecting after its connection broke. Default: 1 second.</summary>
    public TimeSpan ListenerReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
