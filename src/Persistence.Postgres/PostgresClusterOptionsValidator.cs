using Microsoft.Extensions.Options;
using OrleansBank.Runtime;

namespace OrleansBank.Persistence.Postgres;

/// <summary>Refuses PostgreSQL cluster options the store cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class PostgresClusterOptionsValidator : IValidateOptions<PostgresClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresClusterOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("Cluster tables: ConnectionString is empty; give an Npgsql connection string (scripts/postgres-up.sh prints one).");
        }

        if (options.MaxConnections < 1)
        {
            problems.Add($"Cluster tables: MaxConnections is {options.MaxConnections}; give 1 or more.");
        }

        if (options.ChangeFallbackPollInterval <= TimeSpan.Zero)
        {
            problems.Add($"Cluster tables: ChangeFallbackPollInterval is {options.ChangeFallbackPollInterval}; give a time above 0, e.g. 00:00:05.");
        }

        if (options.ListenerReconnectDelay < TimeSpan.Zero)
        {
            problems.Add($"Cluster tables: ListenerReconnectDelay is {options.ListenerReconnectDelay}; give a time from 0 up, e.g. 00:00:01.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
