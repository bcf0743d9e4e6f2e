namespace OrleansBank.Persistence.Postgres.Tests;

/// <summary>The PostgreSQL server the tests run against, which scripts/test.sh starts with scripts/postgres-up.sh.</summary>
internal static class PostgresServer
{
    /// <summary>Never skipped: without a server these tests fail, saying how to start one.</summary>
    public static string ConnectionString => Environment.GetEnvironmentVariable("ORLEANSBANK_POSTGRES") is { Length: > 0 } connection
        ? connection
        : throw new InvalidOperationException("ORLEANSBANK_POSTGRES is not set: run the tests with scripts/test.sh, or export the connection string scripts/postgres-up.sh prints.");
}
