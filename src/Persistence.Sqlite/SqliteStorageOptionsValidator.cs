using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Sqlite;

/// <summary>Refuses SQLite options the provider cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            problems.Add($"Grain storage '{name}': DatabasePath is empty; give the SQLite database file, e.g. data/orleansbank.db.");
        }

        if (options.MaxDatabaseSize is <= 0)
        {
            problems.Add($"Grain storage '{name}': MaxDatabaseSize is {options.MaxDatabaseSize}; give a size in bytes above 0, or none for no cap.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout.TotalSeconds > int.MaxValue)
        {
            problems.Add($"Grain storage '{name}': BusyTimeout is {options.BusyTimeout}; give a time from 0 up, e.g. 00:00:10.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
