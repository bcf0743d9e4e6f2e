namespace OrleansBank.Runtime;

/// <summary>Where the SQLite membership and directory tables live, for silos sharing one machine's data folder.</summary>
public sealed class SqliteClusterOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Cluster:Sqlite";

    /// <summary>
    /// The database file, shared by every silo process of the cluster; its folder is created if missing. Default:
    /// data/cluster.db, beside the grain storage's orleansbank.db.
    /// </summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "cluster.db");

    /// <summary>How long a write waits for another process's lock before failing. Default: 10 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a silo waiting for a membership change reads the version row (one indexed row). Changes written by
    /// this process are seen at once; other processes' within this interval. Default: 250 ms.
    /// </summary>
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
