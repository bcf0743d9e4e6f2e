using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Postgres;

/// <summary>Refuses PostgreSQL options the provider cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed partial class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add($"Grain storage '{name}': ConnectionString is empty; give an Npgsql connection string (scripts/postgres-up.sh prints one).");
        }

        foreach (var (setting, table) in new[] { ("TableName", options.TableName), ("EventLogTableName", options.EventLogTableName) })
        {
            if (!PlainTableName().IsMatch(table ?? ""))
            {
                problems.Add($"Grain storage '{name}': {setting} '{table}' is not a plain table name; use letters, digits and underscores (at most 63).");
            }
        }

        if (options.MaxConnections < 1)
        {
            problems.Add($"Grain storage '{name}': MaxConnections is {options.MaxConnections}; give 1 or more.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex PlainTableName();
}
