using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>Refuses SQLite cluster options the store cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class SqliteClusterOptionsValidator : IValidateOptions<SqliteClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteClusterOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            problems.Add("Cluster tables: DatabasePath is empty; give the SQLite database file, e.g. data/cluster.db.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout.TotalSeconds > int.MaxValue)
        {
            problems.Add($"Cluster tables: BusyTimeout is {options.BusyTimeout}; give a time from 0 up, e.g. 00:00:10.");
        }

        if (options.ChangePollInterval <= TimeSpan.Zero || options.ChangePollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Cluster tables: ChangePollInterval is {options.ChangePollInterval}; give a time above 0 and at most a minute, e.g. 00:00:00.250.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
