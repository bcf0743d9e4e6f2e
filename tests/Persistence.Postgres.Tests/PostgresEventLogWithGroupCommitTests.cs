namespace OrleansBank.Persistence.Postgres.Tests;

public sealed class PostgresEventLogWithGroupCommitTests() : PostgresEventLogTests(groupCommit: true);
