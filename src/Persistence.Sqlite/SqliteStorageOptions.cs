namespace OrleansBank.Runtime;

/// <summary>Where a SQLite grain storage provider keeps its database.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file; its folder is created if missing. Default: data/orleansbank.db.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "orleansbank.db");

    /// <summary>
    /// A cap on the database's size in bytes, or null for none. Past it, writes fail exactly as on a full disk
    /// (SQLite's SQLITE_FULL) while reads go on; raising or clearing it lets writes resume. Read at every connection.
    /// </summary>
    public long? MaxDatabaseSize { get; set; }

    /// <summary>How long a write waits for another writer's lock before failing. Default: 10 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Group commit: event appends waiting at the same time share one transaction and one flush to disk. Default: true.
    /// False writes and flushes every event on its own, one at a time per log: slower, and only there to measure against.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
