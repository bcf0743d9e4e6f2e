namespace OrleansBank.Persistence.Postgres.Tests;

[Trait("Needs", "postgres")]
public sealed class PostgresEventLogWithoutGroupCommitTests() : PostgresEventLogTests(groupCommit: false);
