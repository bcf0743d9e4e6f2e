namespace OrleansBank.Persistence.Postgres.Tests;

[Trait("Needs", "postgres")]
public sealed class PostgresEventLogWithGroupCommitTests() : PostgresEventLogTests(groupCommit: true);
