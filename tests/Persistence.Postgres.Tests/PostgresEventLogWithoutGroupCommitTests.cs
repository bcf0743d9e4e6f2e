namespace OrleansBank.Persistence.Postgres.Tests;

public sealed class PostgresEventLogWithoutGroupCommitTests() : PostgresEventLogTests(groupCommit: false);
